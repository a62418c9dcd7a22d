// An RTCDataChannel stand-in that chunks large messages (see chunking.ts), with back-pressure,
// and a `wrtc` adapter that makes simple-peer use it without knowing.
//
// simple-peer sends y-webrtc's whole board diff as one message; browsers refuse messages over
// 256 KiB and y-webrtc swallows the error, so large boards never reached late joiners. Passing
// `wrtc: chunkingWrtc(window)` (or @roamhq/wrtc in Node) to simple-peer fixes that on both ends.
// Both peers must use the adapter: its frames are not plain messages.

import { CHUNK_LIMITS, ChunkAssembler, splitMessage, type ChunkLimits } from './chunking';
import type { DataChannelLike, SyncProgress, WrtcLike } from './types';

export type ChunkingHooks = {
  /** A message of more than one chunk is arriving: bytes so far and its total. */
  onProgress?(progress: SyncProgress): void;
  /** A frame from the peer was dropped, or sending failed; the reason is for logs. */
  onRejected?(reason: string): void;
  /** A whole message was accepted for sending (benchmarks count messages per edit). */
  onSent?(bytes: number): void;
};

/** Rejected frames after which a channel is closed: the peer is broken or hostile. */
export const MAX_REJECTED_FRAMES = 16;

/** How often we look at the real channel's buffer when it cannot tell us it drained. */
const POLL_MS_WITHOUT_EVENTS = 10;
/** Safety net where bufferedamountlow exists, in case an implementation misses one. */
const POLL_MS_WITH_EVENTS = 250;

const textEncoder = new TextEncoder();

type Handler = ((event: unknown) => void) | null;

function toBytes(data: unknown): Uint8Array {
  if (typeof data === 'string') return textEncoder.encode(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (data instanceof ArrayBuffer || Object.prototype.toString.call(data) === '[object ArrayBuffer]') return new Uint8Array(data as ArrayBuffer);
  throw new TypeError('send() takes an ArrayBuffer, an ArrayBufferView or a string');
}

/** The frame in a message event, or null for text and anything else we never send. */
function frameOf(data: unknown): Uint8Array | null {
  if (typeof data === 'string') return null;
  try {
    return toBytes(data);
  } catch {
    return null;
  }
}

/** simple-peer and y-webrtc keep what we deliver, so it must not share memory with anything. */
function exactArrayBuffer(message: Uint8Array): ArrayBuffer {
  const { buffer } = message;
  if (buffer instanceof ArrayBuffer && message.byteOffset === 0 && message.byteLength === buffer.byteLength) return buffer;
  return message.slice().buffer;
}

function invalidState(message: string): Error {
  const error = new Error(message);
  error.name = 'InvalidStateError';
  return error;
}

class ChunkedDataChannel implements DataChannelLike {
  onopen: Handler = null;
  onclose: Handler = null;
  onerror: Handler = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onbufferedamountlow: Handler = null;

  private readonly limits: ChunkLimits;
  private readonly assembler: ChunkAssembler;
  /** The real channel can fire bufferedamountlow (browsers can, @roamhq/wrtc 0.10 cannot). */
  private readonly realHasLowEvents: boolean;
  private readonly queue: (Uint8Array | undefined)[] = [];
  private queueHead = 0;
  private queuedBytes = 0;
  private nextMessageId = 0;
  private ownLowThreshold = 0;
  /** Our total buffer went above ownLowThreshold, so an onbufferedamountlow is owed. */
  private owesLowEvent = false;
  private realThreshold = -1;
  private rejectedFrames = 0;
  private closedByUs = false;
  /** A chunked message is partly received (its progress was reported, its end not yet). */
  private receivingPartial = false;
  private pollTimer: ReturnType<typeof setTimeout> | undefined;
  private binaryTypeValue = 'arraybuffer';
  /**
   * The real buffer as last read plus what we wrote since: never below the truth. Reading the real
   * bufferedAmount is a call across threads in @roamhq/wrtc (about 50 µs, as long as a send), so
   * a small message costs only its send, and the real value is read when the estimate says it
   * might matter (near a threshold).
   */
  private realBufferedEstimate = 0;
  /** Opened and not closed, from the real channel's events (readyState is a native call too). */
  private realOpen: boolean;

  constructor(
    private readonly real: DataChannelLike,
    private readonly hooks: ChunkingHooks,
    limits: Partial<ChunkLimits>,
  ) {
    this.limits = { ...CHUNK_LIMITS, ...limits };
    this.assembler = new ChunkAssembler({ limits: this.limits, onProgress: (progress) => this.reportProgress(progress) });
    real.binaryType = 'arraybuffer';
    this.realHasLowEvents = typeof real.bufferedAmountLowThreshold === 'number';
    this.setRealThreshold(this.limits.lowWaterBytes);
    real.onbufferedamountlow = () => this.service();
    real.onmessage = (event) => this.receive(event);
    this.realOpen = real.readyState === 'open';
    real.onopen = (event) => {
      this.realOpen = true;
      this.onopen?.call(this, event);
    };
    real.onclose = (event) => {
      this.realOpen = false;
      this.dropQueue();
      // A message cut off by the close will never complete: nothing is in flight any more.
      if (this.receivingPartial) this.reportProgress({ received: 0, total: 0 });
      this.onclose?.call(this, event);
    };
    real.onerror = (event) => this.onerror?.call(this, event);
  }

  get label(): string {
    return this.real.label;
  }

  get readyState(): DataChannelLike['readyState'] {
    return this.real.readyState;
  }

  /** What is still to be sent: in the real channel's buffer and in our queue. */
  get bufferedAmount(): number {
    return this.currentRealBuffered() + this.queuedBytes;
  }

  get bufferedAmountLowThreshold(): number {
    return this.ownLowThreshold;
  }

  set bufferedAmountLowThreshold(value: number) {
    this.ownLowThreshold = Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
  }

  /** Kept for callers that read it back; whole messages are always delivered as ArrayBuffers. */
  get binaryType(): string {
    return this.binaryTypeValue;
  }

  set binaryType(value: string) {
    this.binaryTypeValue = String(value);
  }

  send(data: ArrayBuffer | ArrayBufferView | string): void {
    if (this.closedByUs || !this.realOpen) {
      // Events can lag the state; ask the channel itself before refusing.
      this.realOpen = !this.closedByUs && this.real.readyState === 'open';
      if (!this.realOpen) throw invalidState(`data channel is ${this.closedByUs ? 'closed' : this.real.readyState}`);
    }
    const bytes = toBytes(data);
    if (bytes.byteLength > this.limits.maxMessageBytes) {
      const reason = `message of ${bytes.byteLength} bytes exceeds maxMessageBytes (${this.limits.maxMessageBytes})`;
      this.reportRejected(reason);
      throw new RangeError(reason);
    }
    const frames = splitMessage(bytes, this.nextMessageId++, this.limits.chunkBytes);
    let frameBytes = 0;
    for (const frame of frames) frameBytes += frame.byteLength;
    if (this.queuedBytes + frameBytes > this.limits.maxQueuedBytes) {
      // The peer has not read megabytes for a long time; keeping more would only exhaust memory.
      this.reportRejected(`send queue would exceed maxQueuedBytes (${this.limits.maxQueuedBytes}); closing`);
      this.close();
      return;
    }
    for (const frame of frames) this.queue.push(frame);
    this.queuedBytes += frameBytes;
    try {
      this.hooks.onSent?.(bytes.byteLength);
    } catch {
      // Hooks are diagnostics (see reportRejected).
    }
    this.pump();
    if (this.realBufferedEstimate + this.queuedBytes > this.ownLowThreshold) {
      this.realBufferedEstimate = this.currentRealBuffered();
      if (this.realBufferedEstimate + this.queuedBytes > this.ownLowThreshold) this.owesLowEvent = true;
    }
    // Never fire onbufferedamountlow from inside send(): simple-peer arms its wait after send returns.
    this.updateRealThreshold();
    this.schedulePoll();
  }

  close(): void {
    this.closedByUs = true;
    this.dropQueue();
    this.real.close();
  }

  /** Writes queued frames while the real channel's buffer is below the high-water mark. */
  private pump(): void {
    try {
      while (this.queueHead < this.queue.length) {
        if (this.realBufferedEstimate >= this.limits.highWaterBytes) {
          this.realBufferedEstimate = this.currentRealBuffered();
          if (this.realBufferedEstimate >= this.limits.highWaterBytes) break;
        }
        const frame = this.queue[this.queueHead];
        this.queue[this.queueHead++] = undefined;
        if (!frame) continue;
        this.queuedBytes -= frame.byteLength;
        this.real.send(frame);
        this.realBufferedEstimate += frame.byteLength;
      }
    } catch (error) {
      // The real channel is closing under us, or refused a frame: nothing queued can arrive now.
      this.reportRejected(`send failed: ${error instanceof Error ? error.message : String(error)}`);
      this.closedByUs = true;
      this.dropQueue();
      try {
        this.real.close();
      } catch {
        // Already closed.
      }
      return;
    }
    if (this.queueHead === this.queue.length) {
      this.queue.length = 0;
      this.queueHead = 0;
    } else if (this.queueHead > 1024 && this.queueHead * 2 > this.queue.length) {
      this.queue.splice(0, this.queueHead);
      this.queueHead = 0;
    }
  }

  /** After the real buffer drained some (event or poll): refill it, and tell our user if owed. */
  private service(): void {
    if (this.pollTimer !== undefined) clearTimeout(this.pollTimer);
    this.pollTimer = undefined;
    if (this.closedByUs) return;
    this.realBufferedEstimate = this.currentRealBuffered();
    this.pump();
    let fire = false;
    if (this.owesLowEvent && this.bufferedAmount <= this.ownLowThreshold) {
      this.owesLowEvent = false;
      fire = !this.closedByUs;
    }
    this.updateRealThreshold();
    this.schedulePoll();
    if (fire) this.onbufferedamountlow?.call(this, { type: 'bufferedamountlow' });
  }

  private receive(event: { data: unknown }): void {
    if (this.closedByUs) return;
    const frame = frameOf(event?.data);
    if (!frame) {
      this.rejectFrame('not a binary frame');
      return;
    }
    const result = this.assembler.push(frame);
    if (!result.ok) {
      this.rejectFrame(result.reason);
      return;
    }
    if (result.message) this.onmessage?.call(this, { data: exactArrayBuffer(result.message) });
  }

  private rejectFrame(reason: string): void {
    this.rejectedFrames++;
    this.reportRejected(reason);
    if (this.rejectedFrames >= MAX_REJECTED_FRAMES) {
      this.reportRejected(`${this.rejectedFrames} rejected frames; closing the channel`);
      try {
        this.close();
      } catch {
        // Already closed.
      }
    }
  }

  /**
   * While our queue holds frames the real channel should wake us at the low-water mark; once it is
   * empty and an event is owed, at the threshold our user asked for.
   */
  private updateRealThreshold(): void {
    const queueEmpty = this.queueHead === this.queue.length;
    this.setRealThreshold(queueEmpty && this.owesLowEvent ? this.ownLowThreshold : this.limits.lowWaterBytes);
  }

  private setRealThreshold(value: number): void {
    if (!this.realHasLowEvents || value === this.realThreshold) return;
    this.realThreshold = value;
    try {
      this.real.bufferedAmountLowThreshold = value;
    } catch {
      // Closed channels may refuse it; nothing to wait for then.
    }
  }

  private schedulePoll(): void {
    if (this.pollTimer !== undefined || this.closedByUs) return;
    if (this.queueHead === this.queue.length && !this.owesLowEvent) return;
    this.pollTimer = setTimeout(() => this.service(), this.realHasLowEvents ? POLL_MS_WITH_EVENTS : POLL_MS_WITHOUT_EVENTS);
  }

  private dropQueue(): void {
    this.queue.length = 0;
    this.queueHead = 0;
    this.queuedBytes = 0;
    this.owesLowEvent = false;
    if (this.pollTimer !== undefined) clearTimeout(this.pollTimer);
    this.pollTimer = undefined;
  }

  private currentRealBuffered(): number {
    const amount = this.real.bufferedAmount;
    return typeof amount === 'number' && amount > 0 ? amount : 0;
  }

  // Hooks are diagnostics: a failing one must not break the channel.
  private reportRejected(reason: string): void {
    try {
      this.hooks.onRejected?.(reason);
    } catch {
      // See above.
    }
  }

  private reportProgress(progress: SyncProgress): void {
    this.receivingPartial = progress.received < progress.total;
    try {
      this.hooks.onProgress?.(progress);
    } catch {
      // See above.
    }
  }
}

/**
 * Wraps a real data channel: send() takes messages of any size up to maxMessageBytes, onmessage
 * gets `{ data: ArrayBuffer }` of whole messages. The wrapper takes over the real channel's
 * handlers; use only the wrapper from then on.
 */
export function wrapDataChannel(channel: DataChannelLike, hooks: ChunkingHooks = {}, limits: Partial<ChunkLimits> = {}): DataChannelLike {
  return new ChunkedDataChannel(channel, hooks, limits);
}

type Listener = ((event: unknown) => void) | { handleEvent(event: unknown): void };

function isObject(value: unknown): value is object {
  return (typeof value === 'object' && value !== null) || typeof value === 'function';
}

/** A Proxy of one real peer connection whose data channels come out wrapped. */
function chunkingPeerConnection(real: object, hooks: ChunkingHooks, limits: Partial<ChunkLimits>): object {
  const wrappers = new WeakMap<object, DataChannelLike>();
  const wrapChannel = (channel: unknown): unknown => {
    // @roamhq/wrtc has been seen to return undefined; simple-peer reports that itself.
    if (!isObject(channel)) return channel;
    let wrapper = wrappers.get(channel);
    if (!wrapper) {
      wrapper = wrapDataChannel(channel as DataChannelLike, hooks, limits);
      wrappers.set(channel, wrapper);
    }
    return wrapper;
  };
  // The native event's `channel` is read-only, so listeners get a plain event of our own.
  const wrapEvent = (event: unknown) => ({
    type: 'datachannel',
    channel: wrapChannel((event as { channel?: unknown } | null)?.channel),
    target: proxy,
    currentTarget: proxy,
  });

  let ondatachannel: ((event: unknown) => void) | null = null;
  const wrappedListeners = new WeakMap<object, (event: unknown) => void>();
  const methods = new Map<PropertyKey, { original: unknown; bound: unknown }>();
  const target = real as Record<PropertyKey, unknown>;

  const own = {
    createDataChannel(...args: unknown[]): unknown {
      return wrapChannel(Reflect.apply(target.createDataChannel as (...a: unknown[]) => unknown, real, args));
    },
    addEventListener(type: unknown, listener: unknown, ...rest: unknown[]): unknown {
      const add = target.addEventListener as (...a: unknown[]) => unknown;
      if (type !== 'datachannel' || !isObject(listener)) return Reflect.apply(add, real, [type, listener, ...rest]);
      let wrapped = wrappedListeners.get(listener);
      if (!wrapped) {
        const original = listener as Listener;
        wrapped = (event) => (typeof original === 'function' ? original.call(proxy, wrapEvent(event)) : original.handleEvent(wrapEvent(event)));
        wrappedListeners.set(listener, wrapped);
      }
      return Reflect.apply(add, real, [type, wrapped, ...rest]);
    },
    removeEventListener(type: unknown, listener: unknown, ...rest: unknown[]): unknown {
      const remove = target.removeEventListener as (...a: unknown[]) => unknown;
      const wrapped = type === 'datachannel' && isObject(listener) ? (wrappedListeners.get(listener) ?? listener) : listener;
      return Reflect.apply(remove, real, [type, wrapped, ...rest]);
    },
  };

  const proxy: object = new Proxy(real, {
    get(_target, property) {
      if (property === 'ondatachannel') return ondatachannel;
      if (Object.hasOwn(own, property) && typeof target[property] === 'function') return own[property as keyof typeof own];
      // Native getters check their receiver: read from the real object, not the proxy.
      const value = Reflect.get(real, property, real);
      if (typeof value !== 'function') return value;
      // Event handler attributes (on*) are returned as set; methods are bound to the real object,
      // keeping their `length` (simple-peer picks the getStats() flavour by it).
      if (typeof property === 'string' && property.startsWith('on')) return value;
      const descriptor = Reflect.getOwnPropertyDescriptor(real, property);
      if (descriptor && !descriptor.configurable && !descriptor.writable && 'value' in descriptor) return value; // Proxy invariant
      const cached = methods.get(property);
      if (cached && cached.original === value) return cached.bound;
      const bound = (value as (...args: unknown[]) => unknown).bind(real);
      methods.set(property, { original: value, bound });
      return bound;
    },
    set(_target, property, value) {
      if (property === 'ondatachannel') {
        ondatachannel = typeof value === 'function' ? (value as (event: unknown) => void) : null;
        const forward = ondatachannel ? (event: unknown) => ondatachannel?.call(proxy, wrapEvent(event)) : null;
        return Reflect.set(real, 'ondatachannel', forward, real);
      }
      return Reflect.set(real, property, value, real);
    },
  });
  return proxy;
}

/**
 * simple-peer's `wrtc` option with chunking data channels: `base` is `window` in browsers or
 * @roamhq/wrtc in Node. `hooks` may be a function, called once per peer connection, so that each
 * connection can report to its own listener.
 */
export function chunkingWrtc(base: WrtcLike, hooks?: ChunkingHooks | (() => ChunkingHooks), limits: Partial<ChunkLimits> = {}): WrtcLike {
  const RTCPeerConnection = new Proxy(base.RTCPeerConnection, {
    construct(Base, args) {
      const real: unknown = Reflect.construct(Base, args);
      if (!isObject(real)) return real as object;
      const connectionHooks = (typeof hooks === 'function' ? hooks() : hooks) ?? {};
      return chunkingPeerConnection(real, connectionHooks, limits);
    },
  });
  return { RTCPeerConnection, RTCSessionDescription: base.RTCSessionDescription, RTCIceCandidate: base.RTCIceCandidate };
}
