// The chunking adapter with the real @roamhq/wrtc and the real simple-peer, two peers in one process.
import { randomBytes } from 'node:crypto';
import wrtc from '@roamhq/wrtc';
import Peer from 'simple-peer';
import { afterEach, describe, expect, it } from 'vitest';
import { chunkingWrtc, type ChunkingHooks } from '../../shared/sync/chunkedChannel';
import type { SyncProgress, WrtcLike } from '../../shared/sync/types';

const MB = 1024 * 1024;
const peers: Peer[] = [];

afterEach(() => {
  for (const peer of peers.splice(0)) peer.destroy();
});

function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function once(peer: Peer, event: string): Promise<unknown> {
  return new Promise((resolve) => peer.once(event, resolve));
}

/** Two connected peers, signals passed directly; errors are recorded, not thrown. */
async function connectedPair(initiatorWrtc: WrtcLike, answererWrtc: WrtcLike) {
  const errors: Error[] = [];
  const make = (initiator: boolean, impl: WrtcLike) => {
    const peer = new Peer({ initiator, wrtc: impl, config: { iceServers: [] } });
    peer.on('error', (error: Error) => errors.push(error));
    peers.push(peer);
    return peer;
  };
  const sender = make(true, initiatorWrtc);
  const receiver = make(false, answererWrtc);
  sender.on('signal', (signal: unknown) => receiver.signal(signal));
  receiver.on('signal', (signal: unknown) => sender.signal(signal));
  await within(10_000, 'connect', Promise.all([once(sender, 'connect'), once(receiver, 'connect')]));
  const received: Buffer[] = [];
  receiver.on('data', (data: Buffer) => received.push(data));
  return { sender, receiver, received, errors };
}

async function until(ms: number, what: string, condition: () => boolean): Promise<void> {
  await within(
    ms,
    what,
    new Promise<void>((resolve) => {
      const check = (): void => {
        if (condition()) resolve();
        else setTimeout(check, 10);
      };
      check();
    }),
  );
}

function recordingHooks() {
  const progress: SyncProgress[] = [];
  const rejected: string[] = [];
  const hooks: ChunkingHooks = { onProgress: (p) => progress.push(p), onRejected: (reason) => rejected.push(reason) };
  return { progress, rejected, hooks };
}

describe('chunkingWrtc with @roamhq/wrtc and simple-peer', () => {
  it('delivers a 5 MB message and small ones, byte-identical and in order, with progress on the receiver', async () => {
    const senderSide = recordingHooks();
    const receiverSide = recordingHooks();
    const { sender, received, errors } = await connectedPair(
      chunkingWrtc(wrtc, senderSide.hooks),
      chunkingWrtc(wrtc, () => receiverSide.hooks),
    );
    const messages = [randomBytes(100), randomBytes(5 * MB), randomBytes(1), randomBytes(300 * 1024), randomBytes(7)];
    for (const message of messages) sender.send(message);

    await until(15_000, 'all messages', () => received.length >= messages.length || errors.length > 0);
    expect(errors).toEqual([]);
    expect(received.map((data) => data.byteLength)).toEqual(messages.map((message) => message.byteLength));
    received.forEach((data, i) => expect(data.equals(messages[i] as Buffer), `message ${i}`).toBe(true));

    // Progress for the two multi-chunk messages, each ending complete.
    const finals = receiverSide.progress.filter((p) => p.received === p.total);
    expect(finals).toEqual([
      { received: 5 * MB, total: 5 * MB },
      { received: 300 * 1024, total: 300 * 1024 },
    ]);
    expect(receiverSide.progress.length).toBeGreaterThan(80);
    expect(senderSide.progress).toEqual([]);
    expect(senderSide.rejected).toEqual([]);
    expect(receiverSide.rejected).toEqual([]);
  }, 20_000);

  it('works both ways on one connection', async () => {
    const { sender, receiver, received } = await connectedPair(chunkingWrtc(wrtc), chunkingWrtc(wrtc));
    const back: Buffer[] = [];
    sender.on('data', (data: Buffer) => back.push(data));
    const there = randomBytes(MB);
    const reply = randomBytes(2 * MB);
    sender.send(there);
    receiver.send(reply);
    await until(15_000, 'both directions', () => received.length === 1 && back.length === 1);
    expect(received[0]?.equals(there)).toBe(true);
    expect(back[0]?.equals(reply)).toBe(true);
  }, 20_000);

  it('without the adapter, a 3 MB message never arrives: @roamhq/wrtc closes the channel', async () => {
    const plain = wrtc as unknown as WrtcLike;
    const { sender, receiver, received } = await connectedPair(plain, plain);
    const closed = Promise.all([once(sender, 'close'), once(receiver, 'close')]);
    // Unlike Chromium, @roamhq/wrtc does not throw: the send "succeeds" and the channel dies.
    expect(() => sender.send(randomBytes(3 * MB))).not.toThrow();
    await within(10_000, 'both peers to close', closed);
    expect(received).toEqual([]);
  }, 20_000);
});
