import { afterEach, describe, expect, it, vi } from 'vitest';
import { CHUNK_LIMITS, FRAME_WHOLE } from './chunking';
import { chunkingWrtc, MAX_REJECTED_FRAMES, wrapDataChannel, type ChunkingHooks } from './chunkedChannel';
import type { DataChannelLike, SyncProgress, WrtcLike } from './types';
import { seededBytes } from './testBytes';

const MB = 1024 * 1024;
const FRAME_MAX = 64 * 1024;


function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false;
  return true;
}

type Handler = ((event: unknown) => void) | null;

/**
 * A data channel whose buffer empties only when the test says so: drain() hands buffered frames
 * to the peer channel and fires bufferedamountlow the way browsers do (on crossing the threshold).
 * Without low events it mimics @roamhq/wrtc, which has no bufferedAmountLowThreshold.
 */
class FakeChannel implements DataChannelLike {
  readyState: DataChannelLike['readyState'] = 'open';
  bufferedAmount = 0;
  bufferedAmountLowThreshold!: number;
  binaryType = 'blob';
  onopen: Handler = null;
  onclose: Handler = null;
  onerror: Handler = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onbufferedamountlow: Handler = null;
  peer: FakeChannel | null = null;
  readonly inFlight: Uint8Array[] = [];
  readonly sent: Uint8Array[] = [];
  maxBufferedAmount = 0;
  closeCalls = 0;

  constructor(
    readonly label = 'test',
    { lowEvents = true } = {},
  ) {
    if (lowEvents) this.bufferedAmountLowThreshold = 0;
  }

  send(data: ArrayBuffer | ArrayBufferView | string): void {
    if (this.readyState !== 'open') throw new Error('not open');
    if (typeof data === 'string' || !ArrayBuffer.isView(data)) throw new Error('the wrapper sends only views');
    const frame = new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice();
    if (frame.byteLength > 256 * 1024) throw new Error('message too large'); // as Chromium does
    this.sent.push(frame);
    this.inFlight.push(frame);
    this.bufferedAmount += frame.byteLength;
    this.maxBufferedAmount = Math.max(this.maxBufferedAmount, this.bufferedAmount);
  }

  close(): void {
    this.closeCalls++;
    if (this.readyState === 'closed') return;
    this.readyState = 'closed';
    this.onclose?.({ type: 'close' });
  }

  /** Delivers up to `frames` buffered frames to the peer, in order. */
  drain(frames = Infinity): number {
    let delivered = 0;
    while (delivered < frames && this.inFlight.length > 0) {
      const frame = this.inFlight.shift() as Uint8Array;
      const before = this.bufferedAmount;
      this.bufferedAmount -= frame.byteLength;
      delivered++;
      this.peer?.receive(frame.slice().buffer);
      const threshold = this.bufferedAmountLowThreshold;
      if (typeof threshold === 'number' && before > threshold && this.bufferedAmount <= threshold) this.onbufferedamountlow?.({ type: 'bufferedamountlow' });
    }
    return delivered;
  }

  receive(data: unknown): void {
    this.onmessage?.({ data });
  }
}

function linkedPair(options: { lowEvents?: boolean } = {}): [FakeChannel, FakeChannel] {
  const a = new FakeChannel('a', options);
  const b = new FakeChannel('b', options);
  a.peer = b;
  b.peer = a;
  return [a, b];
}

function collect(channel: DataChannelLike): ArrayBuffer[] {
  const received: ArrayBuffer[] = [];
  channel.onmessage = (event) => {
    expect(event.data).toBeInstanceOf(ArrayBuffer);
    received.push(event.data as ArrayBuffer);
  };
  return received;
}

const opened: DataChannelLike[] = [];
function wrap(channel: DataChannelLike, hooks?: ChunkingHooks, limits?: Parameters<typeof wrapDataChannel>[2]): DataChannelLike {
  const wrapper = wrapDataChannel(channel, hooks, limits);
  opened.push(wrapper);
  return wrapper;
}

afterEach(() => {
  // Stops pending back-pressure polls.
  for (const wrapper of opened.splice(0)) wrapper.close();
  vi.useRealTimers();
});

describe('wrapDataChannel', () => {
  it('sends small messages as one frame and large ones as frames of at most 64 KiB', () => {
    const [a, b] = linkedPair();
    const sender = wrap(a);
    const received = collect(wrap(b));
    sender.send(new Uint8Array([1, 2, 3]));
    expect(a.sent[0]).toEqual(new Uint8Array([FRAME_WHOLE, 1, 2, 3]));
    const big = seededBytes(700 * 1024);
    sender.send(big);
    a.drain();
    for (const frame of a.sent) expect(frame.byteLength).toBeLessThanOrEqual(FRAME_MAX);
    expect(received.map((data) => data.byteLength)).toEqual([3, big.byteLength]);
    expect(sameBytes(new Uint8Array(received[1] as ArrayBuffer), big)).toBe(true);
  });

  it('delivers each message in a fresh ArrayBuffer of exact length', () => {
    const [a, b] = linkedPair();
    const sender = wrap(a);
    const received = collect(wrap(b));
    sender.send(new Uint8Array(0));
    sender.send(seededBytes(200 * 1024).subarray(10, 150 * 1024));
    a.drain();
    expect(received.map((data) => data.byteLength)).toEqual([0, 150 * 1024 - 10]);
  });

  it('copies on send, as a real channel does', () => {
    const [a, b] = linkedPair();
    const sender = wrap(a);
    const received = collect(wrap(b));
    const data = new Uint8Array([5, 6, 7]);
    sender.send(data);
    data[0] = 99;
    a.drain();
    expect(new Uint8Array(received[0] as ArrayBuffer)).toEqual(new Uint8Array([5, 6, 7]));
  });

  it('sends strings as UTF-8 and accepts ArrayBuffers and other views', () => {
    const [a, b] = linkedPair();
    const sender = wrap(a);
    const received = collect(wrap(b));
    sender.send('마당 ok');
    sender.send(new Uint8Array([1, 2]).buffer);
    sender.send(new Uint16Array([0x0201]));
    a.drain();
    expect(new TextDecoder().decode(received[0])).toBe('마당 ok');
    expect(new Uint8Array(received[1] as ArrayBuffer)).toEqual(new Uint8Array([1, 2]));
    expect(received[2]?.byteLength).toBe(2);
  });

  it('throws on send when the channel is not open, like a real one', () => {
    const channel = new FakeChannel();
    channel.readyState = 'connecting';
    const wrapper = wrap(channel);
    expect(() => wrapper.send(new Uint8Array(1))).toThrow(/connecting/);
  });

  it('refuses a message over maxMessageBytes, and says so', () => {
    const reasons: string[] = [];
    const wrapper = wrap(new FakeChannel(), { onRejected: (reason) => reasons.push(reason) }, { maxMessageBytes: 1000 });
    expect(() => wrapper.send(new Uint8Array(1001))).toThrow(RangeError);
    expect(reasons[0]).toMatch(/maxMessageBytes/);
  });

  it('forwards label, readyState, open, close and error, with the wrapper as this', () => {
    const channel = new FakeChannel('sync');
    const wrapper = wrap(channel);
    const seen: [string, unknown, unknown][] = [];
    wrapper.onopen = function (this: unknown, event) {
      seen.push(['open', this, event]);
    };
    wrapper.onerror = function (this: unknown, event) {
      seen.push(['error', this, event]);
    };
    wrapper.onclose = function (this: unknown, event) {
      seen.push(['close', this, event]);
    };
    expect(wrapper.label).toBe('sync');
    expect(channel.binaryType).toBe('arraybuffer');
    channel.onopen?.({ type: 'open' });
    channel.onerror?.({ type: 'error', error: new Error('x') });
    channel.close();
    expect(wrapper.readyState).toBe('closed');
    expect(seen.map(([name, self]) => [name, self === wrapper])).toEqual([
      ['open', true],
      ['error', true],
      ['close', true],
    ]);
    expect(seen[1]?.[2]).toMatchObject({ error: new Error('x') });
  });

  it('keeps our binaryType and threshold apart from the real channel', () => {
    const channel = new FakeChannel();
    const wrapper = wrap(channel);
    wrapper.binaryType = 'arraybuffer';
    wrapper.bufferedAmountLowThreshold = 64 * 1024;
    expect(wrapper.bufferedAmountLowThreshold).toBe(64 * 1024);
    expect(channel.bufferedAmountLowThreshold).toBe(CHUNK_LIMITS.lowWaterBytes);
  });
});

describe('back-pressure', () => {
  it('keeps the real buffer under highWater + one frame, and delivers everything in order', () => {
    const [a, b] = linkedPair();
    const sender = wrap(a);
    const received = collect(wrap(b));
    const messages = [seededBytes(5 * MB, 1), seededBytes(10, 2), seededBytes(3 * MB, 3), seededBytes(1, 4), seededBytes(61 * 1024, 5)];
    for (const message of messages) sender.send(message);
    const total = messages.reduce((sum, message) => sum + message.byteLength, 0);
    expect(sender.bufferedAmount).toBeGreaterThan(total); // queued frames plus headers
    expect(a.bufferedAmount).toBeLessThan(CHUNK_LIMITS.highWaterBytes + FRAME_MAX);

    let previous = sender.bufferedAmount;
    // Drain a few frames at a time; refills come only from bufferedamountlow events.
    while (a.drain(3) > 0) {
      expect(a.bufferedAmount).toBeLessThan(CHUNK_LIMITS.highWaterBytes + FRAME_MAX);
      expect(sender.bufferedAmount).toBeLessThanOrEqual(previous);
      previous = sender.bufferedAmount;
    }
    expect(a.maxBufferedAmount).toBeLessThan(CHUNK_LIMITS.highWaterBytes + FRAME_MAX);
    expect(sender.bufferedAmount).toBe(0);
    expect(received.length).toBe(messages.length);
    received.forEach((data, i) => expect(sameBytes(new Uint8Array(data), messages[i] as Uint8Array), `message ${i}`).toBe(true));
  });

  it('fires our bufferedamountlow once the total falls to our threshold, never inside send()', () => {
    const [a, b] = linkedPair();
    const sender = wrap(a);
    collect(wrap(b));
    // What simple-peer does.
    sender.bufferedAmountLowThreshold = 64 * 1024;
    let lows = 0;
    sender.onbufferedamountlow = () => lows++;
    sender.send(seededBytes(2 * MB));
    expect(lows).toBe(0);
    expect(sender.bufferedAmount).toBeGreaterThan(64 * 1024);
    while (sender.bufferedAmount > 64 * 1024) {
      expect(lows).toBe(0);
      a.drain(1);
    }
    expect(lows).toBe(1);
    a.drain();
    expect(lows).toBe(1);
    // Below the threshold from the start: nothing owed.
    sender.send(new Uint8Array(100));
    a.drain();
    expect(lows).toBe(1);
  });

  it('polls a channel that has no bufferedamountlow, as @roamhq/wrtc', () => {
    vi.useFakeTimers();
    const [a, b] = linkedPair({ lowEvents: false });
    const sender = wrap(a);
    const received = collect(wrap(b));
    sender.bufferedAmountLowThreshold = 64 * 1024;
    let lows = 0;
    sender.onbufferedamountlow = () => lows++;
    const message = seededBytes(3 * MB);
    sender.send(message);
    expect(a.bufferedAmountLowThreshold).toBeUndefined();
    for (let round = 0; round < 200 && received.length === 0; round++) {
      a.drain();
      vi.advanceTimersByTime(50);
    }
    expect(a.maxBufferedAmount).toBeLessThan(CHUNK_LIMITS.highWaterBytes + FRAME_MAX);
    expect(received.length).toBe(1);
    expect(sameBytes(new Uint8Array(received[0] as ArrayBuffer), message)).toBe(true);
    vi.advanceTimersByTime(50);
    expect(lows).toBe(1);
  });

  it('closes the channel when the queue would exceed maxQueuedBytes', () => {
    const reasons: string[] = [];
    const channel = new FakeChannel();
    const sender = wrap(channel, { onRejected: (reason) => reasons.push(reason) }, { highWaterBytes: 64 * 1024, maxQueuedBytes: MB });
    sender.send(seededBytes(600 * 1024));
    expect(channel.readyState).toBe('open');
    expect(() => sender.send(seededBytes(600 * 1024))).not.toThrow();
    expect(channel.readyState).toBe('closed');
    expect(reasons).toEqual([expect.stringMatching(/maxQueuedBytes/)]);
    expect(sender.bufferedAmount).toBe(channel.bufferedAmount);
  });

  it('close() drops the queue', () => {
    const channel = new FakeChannel();
    const sender = wrap(channel);
    sender.send(seededBytes(3 * MB));
    expect(sender.bufferedAmount).toBeGreaterThan(channel.bufferedAmount);
    sender.close();
    expect(channel.closeCalls).toBe(1);
    expect(sender.bufferedAmount).toBe(channel.bufferedAmount);
    expect(() => sender.send(new Uint8Array(1))).toThrow();
  });

  it('gives up, without throwing out of the event, when the real channel refuses a frame', () => {
    const reasons: string[] = [];
    const [a, b] = linkedPair();
    const sender = wrap(a, { onRejected: (reason) => reasons.push(reason) });
    collect(wrap(b));
    sender.send(seededBytes(2 * MB));
    a.send = () => {
      throw new Error('network gone');
    };
    expect(() => a.drain()).not.toThrow();
    expect(reasons).toEqual(['send failed: network gone']);
    expect(a.readyState).toBe('closed');
  });
});

describe('receiving', () => {
  it('reports progress for multi-chunk messages', () => {
    const progress: SyncProgress[] = [];
    const [a, b] = linkedPair();
    const sender = wrap(a);
    collect(wrap(b, { onProgress: (p) => progress.push(p) }));
    sender.send(seededBytes(10));
    sender.send(seededBytes(MB));
    a.drain();
    expect(progress.length).toBe(Math.ceil(MB / CHUNK_LIMITS.chunkBytes));
    expect(progress[progress.length - 1]).toEqual({ received: MB, total: MB });
    for (let i = 1; i < progress.length; i++) expect(progress[i]?.received).toBeGreaterThan(progress[i - 1]?.received ?? 0);
  });

  it(`drops garbage frames and closes the channel at the ${MAX_REJECTED_FRAMES}th`, () => {
    const reasons: string[] = [];
    const channel = new FakeChannel();
    const received = collect(wrap(channel, { onRejected: (reason) => reasons.push(reason) }));
    const garbage: unknown[] = ['text', new Uint8Array(0).buffer, new Uint8Array([7, 1, 2]).buffer, new Uint8Array([1, 0x80]).buffer, null, 42];
    for (let i = 0; i < MAX_REJECTED_FRAMES - 1; i++) expect(() => channel.receive(garbage[i % garbage.length])).not.toThrow();
    expect(channel.readyState).toBe('open');
    expect(reasons.length).toBe(MAX_REJECTED_FRAMES - 1);
    // A good frame in between is still delivered.
    channel.receive(new Uint8Array([FRAME_WHOLE, 9]).buffer);
    expect(received.length).toBe(1);
    channel.receive(new Uint8Array([200]).buffer);
    expect(channel.readyState).toBe('closed');
    expect(reasons[reasons.length - 1]).toMatch(/closing/);
    // Nothing more is accepted.
    channel.receive(new Uint8Array([FRAME_WHOLE, 9]).buffer);
    expect(received.length).toBe(1);
  });

  it('survives throwing hooks', () => {
    const channel = new FakeChannel();
    const hooks: ChunkingHooks = {
      onRejected: () => {
        throw new Error('log broke');
      },
    };
    collect(wrap(channel, hooks));
    expect(() => channel.receive(new Uint8Array([200]).buffer)).not.toThrow();
  });
});

/** A stand-in for a native RTCPeerConnection: private fields throw when `this` is a proxy. */
class FakePeerConnection {
  static readonly instances: FakePeerConnection[] = [];
  static generateCertificate(): string {
    return 'certificate';
  }
  #state = 'new';
  readonly channels: FakeChannel[] = [];
  readonly listeners = new Map<string, Set<(event: unknown) => void>>();
  ondatachannel: Handler = null;
  onicecandidate: Handler = null;
  custom = 0;

  constructor(readonly config: unknown) {
    FakePeerConnection.instances.push(this);
  }

  get connectionState(): string {
    return this.#state;
  }

  async createOffer(): Promise<{ type: string; sdp: string }> {
    this.#state = 'connecting';
    return { type: 'offer', sdp: `v=0 ${this.#state}` };
  }

  getStats(): Promise<Map<string, unknown>> {
    return Promise.resolve(new Map([['state', this.#state]]));
  }

  close(): void {
    this.#state = 'closed';
  }

  createDataChannel(label: string): FakeChannel {
    const channel = new FakeChannel(label);
    this.channels.push(channel);
    return channel;
  }

  addEventListener(type: string, listener: (event: unknown) => void): void {
    if (!this.#state) return;
    const set = this.listeners.get(type) ?? new Set();
    set.add(listener);
    this.listeners.set(type, set);
  }

  removeEventListener(type: string, listener: (event: unknown) => void): void {
    this.listeners.get(type)?.delete(listener);
  }

  /** What the browser does when the remote side opens a channel. */
  announceChannel(channel: FakeChannel): void {
    const event = { type: 'datachannel', channel };
    this.ondatachannel?.call(this, event);
    for (const listener of this.listeners.get('datachannel') ?? []) listener.call(this, event);
  }
}

function fakeWrtc(): WrtcLike {
  return { RTCPeerConnection: FakePeerConnection, RTCSessionDescription: class Description {}, RTCIceCandidate: class Candidate {} };
}

type PeerConnectionProxy = FakePeerConnection & Record<string, unknown>;

describe('chunkingWrtc', () => {
  afterEach(() => {
    FakePeerConnection.instances.length = 0;
  });

  it('constructs the real connection and forwards properties and methods with the real this', async () => {
    const base = fakeWrtc();
    const wrtc = chunkingWrtc(base);
    expect(wrtc.RTCSessionDescription).toBe(base.RTCSessionDescription);
    expect(wrtc.RTCIceCandidate).toBe(base.RTCIceCandidate);
    expect((wrtc.RTCPeerConnection as unknown as typeof FakePeerConnection).generateCertificate()).toBe('certificate');

    const pc = new wrtc.RTCPeerConnection({ iceServers: [] }) as PeerConnectionProxy;
    const real = FakePeerConnection.instances[0] as FakePeerConnection;
    expect(pc).not.toBe(real);
    expect(pc).toBeInstanceOf(FakePeerConnection);
    expect(pc.config).toEqual({ iceServers: [] });
    expect(pc.connectionState).toBe('new');
    await expect(pc.createOffer()).resolves.toEqual({ type: 'offer', sdp: 'v=0 connecting' });
    expect(pc.connectionState).toBe('connecting');
    // Detached calls still reach the real object; simple-peer picks the getStats() flavour by length.
    const { getStats } = pc;
    await expect(getStats()).resolves.toEqual(new Map([['state', 'connecting']]));
    expect(pc.getStats.length).toBe(FakePeerConnection.prototype.getStats.length);
    expect(pc.close).toBe(pc.close);

    const onicecandidate = (): void => undefined;
    pc.onicecandidate = onicecandidate;
    expect(real.onicecandidate).toBe(onicecandidate);
    expect(pc.onicecandidate).toBe(onicecandidate);
    pc.custom = 5;
    expect(real.custom).toBe(5);
    pc.close();
    expect(real.connectionState).toBe('closed');
  });

  it('wraps channels from createDataChannel', () => {
    const wrtc = chunkingWrtc(fakeWrtc());
    const pc = new wrtc.RTCPeerConnection() as PeerConnectionProxy;
    const channel = pc.createDataChannel('sync') as unknown as DataChannelLike;
    const real = FakePeerConnection.instances[0]?.channels[0] as FakeChannel;
    expect(channel).not.toBe(real);
    expect(channel.label).toBe('sync');
    channel.send(seededBytes(300 * 1024));
    expect(real.sent.length).toBe(Math.ceil((300 * 1024) / CHUNK_LIMITS.chunkBytes));
    channel.close();
  });

  it('wraps the channel of datachannel events, once per channel', () => {
    const wrtc = chunkingWrtc(fakeWrtc());
    const pc = new wrtc.RTCPeerConnection() as PeerConnectionProxy;
    const real = FakePeerConnection.instances[0] as FakePeerConnection;
    const fromHandler: { self: unknown; channel: unknown }[] = [];
    const handler = function (this: unknown, event: unknown) {
      fromHandler.push({ self: this, channel: (event as { channel: unknown }).channel });
    };
    pc.ondatachannel = handler;
    expect(pc.ondatachannel).toBe(handler);
    const fromListener: unknown[] = [];
    const listener = (event: unknown): number => fromListener.push((event as { channel: unknown }).channel);
    pc.addEventListener('datachannel', listener);

    const remote = new FakeChannel('remote');
    real.announceChannel(remote);
    const wrapper = fromHandler[0]?.channel as DataChannelLike;
    expect(wrapper).not.toBe(remote);
    expect(wrapper.label).toBe('remote');
    expect(fromHandler[0]?.self).toBe(pc);
    expect(fromListener).toEqual([wrapper]);

    const received = collect(wrapper);
    remote.receive(new Uint8Array([FRAME_WHOLE, 1, 2]).buffer);
    expect(received.map((data) => data.byteLength)).toEqual([2]);

    pc.removeEventListener('datachannel', listener);
    pc.ondatachannel = null;
    expect(real.ondatachannel).toBeNull();
    real.announceChannel(new FakeChannel('later'));
    expect(fromHandler.length).toBe(1);
    expect(fromListener.length).toBe(1);
    wrapper.close();
  });

  it('asks a hooks factory once per connection', () => {
    const rejected: string[][] = [];
    const wrtc = chunkingWrtc(fakeWrtc(), () => {
      const reasons: string[] = [];
      rejected.push(reasons);
      return { onRejected: (reason) => reasons.push(reason) };
    });
    const first = new wrtc.RTCPeerConnection() as PeerConnectionProxy;
    new wrtc.RTCPeerConnection();
    expect(rejected.length).toBe(2);
    const channel = first.createDataChannel('x') as unknown as DataChannelLike;
    FakePeerConnection.instances[0]?.channels[0]?.receive('not binary');
    expect(rejected).toEqual([['not a binary frame'], []]);
    channel.close();
  });
});
