// WebRTC for the hub under Node (and Electron's main process): @roamhq/wrtc, a native module
// installed with its prebuilt binary. If it cannot load on some machine the host still runs:
// the hub then serves the relay only and participants mesh over signaling (main/host/hub/index.ts).
import type { WrtcLike } from '../../../shared/sync/types';
import type { Logger } from '../log';

export async function loadWrtc(log: Logger): Promise<WrtcLike | null> {
  try {
    const module = (await import('@roamhq/wrtc')) as { default?: WrtcLike } & Partial<WrtcLike>;
    const wrtc = module.default ?? (module as WrtcLike);
    if (typeof wrtc.RTCPeerConnection !== 'function') throw new Error('no RTCPeerConnection');
    return wrtc;
  } catch (error) {
    log.warn('hub.wrtcUnavailable', { error });
    return null;
  }
}
