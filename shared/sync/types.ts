// Structural types of the sync layer, shared by the browser client, the Node client of the
// benchmarks and the host's hub. Only what our code and simple-peer touch: the browser's and
// @roamhq/wrtc's WebRTC classes both satisfy these.

/** The part of RTCDataChannel that simple-peer and our chunking layer use. */
export interface DataChannelLike {
  readonly label: string;
  readonly readyState: 'connecting' | 'open' | 'closing' | 'closed';
  readonly bufferedAmount: number;
  bufferedAmountLowThreshold: number;
  binaryType: string;
  onopen: ((event: unknown) => void) | null;
  onclose: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onbufferedamountlow: ((event: unknown) => void) | null;
  send(data: ArrayBuffer | ArrayBufferView | string): void;
  close(): void;
}

/** What simple-peer's `wrtc` option takes: window's classes or @roamhq/wrtc's. */
export interface WrtcLike {
  RTCPeerConnection: new (config?: unknown) => unknown;
  RTCSessionDescription: unknown;
  RTCIceCandidate: unknown;
}

/** A WebSocket constructor: window.WebSocket in browsers, ws's in Node. */
export type WebSocketConstructor = new (url: string, protocols?: string | string[]) => unknown;

/** How this client reaches the room right now ('server': the room's external sync server). */
export type Transport = 'webrtc' | 'relay' | 'server' | 'connecting' | 'offline';

export interface SyncProgress {
  /** Bytes of the largest message in flight so far received, and its total. */
  received: number;
  total: number;
}

/** The honest status of one client's link to its room (status bar, automation API). */
export interface RoomSyncState {
  transport: Transport;
  /** The host's signaling socket is open. */
  signaling: 'connecting' | 'connected' | 'offline';
  /** Other people present in the room through the hub (this client excluded). */
  peers: number;
  /** Connected to the hub and the last state-vector exchange found nothing missing either way. */
  synced: boolean;
  /** Local edits made while not connected that the hub has not acknowledged yet. */
  pendingLocal: boolean;
  /** A large message (e.g. the whole board for a late joiner) is arriving. */
  receiving: SyncProgress | null;
  /** The room was closed by the facilitator, or this client was removed: do not reconnect. */
  ended: 'closed' | 'removed' | null;
}
