// Loopback only, for benchmark peers. libwebrtc gathers host candidates on every interface; a
// benchmark must use nothing but 127.0.0.1, so candidates elsewhere are neither announced (the
// host's hub then only learns ours on loopback) nor accepted from others, in candidates or SDP.
const LOOPBACK = '127.0.0.1';
const candidateAddress = (line) => line.replace(/^a=/, '').split(' ')[4];

/** Patches `wrtc`'s RTCPeerConnection (the process's only one) to keep to loopback. */
export function keepWrtcToLoopback(wrtc) {
  const pcProto = wrtc.RTCPeerConnection.prototype;
  const dispatchEvent = pcProto.dispatchEvent;
  pcProto.dispatchEvent = function (event) {
    const line = event?.type === 'icecandidate' ? event.candidate?.candidate : undefined;
    if (line && candidateAddress(line) !== LOOPBACK) return;
    return dispatchEvent.call(this, event);
  };
  const addIceCandidate = pcProto.addIceCandidate;
  pcProto.addIceCandidate = function (candidate, ...rest) {
    const line = candidate?.candidate;
    if (line && candidateAddress(line) !== LOOPBACK) return Promise.resolve();
    return addIceCandidate.call(this, candidate, ...rest);
  };
  const setRemoteDescription = pcProto.setRemoteDescription;
  pcProto.setRemoteDescription = function (description, ...rest) {
    if (typeof description?.sdp === 'string') {
      const sdp = description.sdp.split('\r\n').filter((l) => !l.startsWith('a=candidate:') || candidateAddress(l) === LOOPBACK).join('\r\n');
      description = { type: description.type, sdp };
    }
    return setRemoteDescription.call(this, description, ...rest);
  };
}
