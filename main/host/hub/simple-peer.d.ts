// The part of simple-peer the hub uses (its DefinitelyTyped types need the DOM library).
declare module 'simple-peer' {
  import type { EventEmitter } from 'node:events';
  interface SimplePeerOptions {
    initiator?: boolean;
    config?: { iceServers?: unknown[] };
    wrtc?: unknown;
    trickle?: boolean;
  }
  class SimplePeer extends EventEmitter {
    constructor(options?: SimplePeerOptions);
    readonly connected: boolean;
    readonly destroyed: boolean;
    signal(data: unknown): void;
    send(data: Uint8Array | string): void;
    destroy(error?: Error): void;
  }
  export default SimplePeer;
}
