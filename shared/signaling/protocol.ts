// The y-webrtc signaling protocol (subscribe / unsubscribe / publish / ping), validated.
// Stock y-webrtc's server trusts every frame; ours checks shape, size and rate
// (docs/sync.md) and answers misuse with the close codes below.
import { z } from 'zod';

export const SIGNALING_LIMITS = {
  /** Largest frame accepted; SDP offers and trickled candidates are a few KiB. */
  maxFrameBytes: 64 * 1024,
  maxTopicsPerSocket: 4,
  maxTopicLength: 128,
  /** Token bucket per socket: a 40-peer join storm stays well inside it, a flood does not. */
  burstMessages: 400,
  refillPerSecond: 200,
  maxSocketsPerRoom: 120,
  maxSockets: 512,
  /**
   * Announces (each one costs the hub a WebRTC peer connection), as token buckets. A client
   * announces when it joins and at most every 3 s while it has no channel; a room of 120
   * joining at once fits the room's burst, and 40 on one machine (the benchmark's peers, a
   * test's browsers) fit an address's. Announces over a limit are dropped unanswered.
   */
  announceBurstPerSocket: 5,
  announcesPerSecondPerSocket: 0.5,
  announceBurstPerAddress: 40,
  announcesPerSecondPerAddress: 2,
  announceBurstPerRoom: 120,
  announcesPerSecondPerRoom: 10,
  /** A socket that answers no ping for this long is closed. */
  heartbeatMs: 30_000,
} as const;

export const CLOSE_CODES = {
  goingAway: 1001,
  /** ws closes with the standard 1009 when a frame exceeds maxFrameBytes. */
  frameTooLarge: 1009,
  malformed: 4400,
  unauthorised: 4401,
  forbiddenTopic: 4403,
  timeout: 4408,
  roomFull: 4409,
  rateLimited: 4429,
  serverFull: 4503,
} as const;
export type CloseCode = (typeof CLOSE_CODES)[keyof typeof CLOSE_CODES];

const topic = z.string().min(1).max(SIGNALING_LIMITS.maxTopicLength);

export const ClientMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('subscribe'), topics: z.array(topic).max(SIGNALING_LIMITS.maxTopicsPerSocket) }),
  z.object({ type: z.literal('unsubscribe'), topics: z.array(topic).max(SIGNALING_LIMITS.maxTopicsPerSocket) }),
  z.object({ type: z.literal('publish'), topic, data: z.unknown() }),
  z.object({ type: z.literal('ping') }),
]);
export type ClientMessage = z.infer<typeof ClientMessageSchema>;

const peerId = z.string().min(1).max(64);

/**
 * What y-webrtc clients publish, as the hub's star routing reads it: an announce (a peer is
 * here) or a signal (SDP / ICE) addressed to one peer.
 */
export const PeerPayloadSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('announce'), from: peerId }),
  z.object({ type: z.literal('signal'), from: peerId, to: peerId, token: z.number().optional(), signal: z.record(z.string(), z.unknown()) }),
]);
export type PeerPayload = z.infer<typeof PeerPayloadSchema>;

export type ParsedFrame = { ok: true; message: ClientMessage } | { ok: false; reason: string };

/** Parses one text frame; never throws. */
export function parseClientFrame(text: string): ParsedFrame {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
  const result = ClientMessageSchema.safeParse(json);
  if (!result.success) return { ok: false, reason: result.error.issues[0]?.message ?? 'invalid message' };
  return { ok: true, message: result.data };
}

/** A token bucket, clock injected so tests need no sleeps. */
export class TokenBucket {
  private tokens: number;
  private last: number;
  constructor(private readonly capacity: number, private readonly refillPerSecond: number, now: number) {
    this.tokens = capacity;
    this.last = now;
  }
  take(now: number): boolean {
    this.refill(now);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
  /** Full again: as good as a new bucket, so a keyed set may forget it. */
  isFull(now: number): boolean {
    this.refill(now);
    return this.tokens >= this.capacity;
  }
  private refill(now: number): void {
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) / 1000) * this.refillPerSecond);
    this.last = now;
  }
}

/** One token bucket per key (an address, a room), forgetting those that have refilled. */
export class KeyedBuckets {
  private readonly buckets = new Map<string, TokenBucket>();
  constructor(
    private readonly capacity: number,
    private readonly refillPerSecond: number,
    private readonly maxKeys = 1000,
  ) {}
  take(key: string, now: number): boolean {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size >= this.maxKeys) this.prune(now);
      this.buckets.set(key, (bucket = new TokenBucket(this.capacity, this.refillPerSecond, now)));
    }
    return bucket.take(now);
  }
  get size(): number {
    return this.buckets.size;
  }
  private prune(now: number): void {
    for (const [key, bucket] of this.buckets) if (bucket.isFull(now)) this.buckets.delete(key);
  }
}
