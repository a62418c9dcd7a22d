// The host's side of LAN discovery (shared/room/discovery.ts): a UDP socket that answers the
// fixed query with {v, name, port, rooms}, unicast to the asker. It never says anything that
// lets anyone in (no codes, ids or titles), stays silent while no room is open (so the apps of
// participants, which also run a host, do not crowd the list), and rate-limits its answers per
// source address and in total, so a spoofed flood cannot turn it into an amplifier.
import { createSocket, type RemoteInfo } from 'node:dgram';
import { DISCOVERY_MAX_QUERY_BYTES, DISCOVERY_PORT, DISCOVERY_QUERY, discoveryName, type DiscoveryAnswer } from '../../shared/room/discovery';
import { TokenBucket } from '../../shared/signaling/protocol';
import type { Logger } from './log';

export type DiscoveryLimits = {
  /** Answers per second to one source address (and the burst allowed). */
  perSource: number;
  /** Answers per second to everyone together. */
  total: number;
  /** Source addresses tracked at once; past it, new sources are not answered until old ones expire. */
  maxSources: number;
};

export const DISCOVERY_LIMITS: DiscoveryLimits = { perSource: 10, total: 100, maxSources: 1024 };

export type DiscoveryResponderOptions = {
  /** UDP port; default DISCOVERY_PORT. 0 picks a free one (tests). */
  port?: number;
  /** Address to bind; default 0.0.0.0 (needed to receive broadcasts). Tests use 127.0.0.1. */
  address?: string;
  /** The HTTP port participants connect to (read per answer: the host may move to a free port). */
  httpPort: () => number;
  /** Display name, e.g. the machine's name; cleaned and cut to 64 characters here. */
  name: string;
  roomCount: () => number;
  log: Logger;
  /** Test seams. */
  now?: () => number;
  limits?: Partial<DiscoveryLimits>;
};

export type DiscoveryResponder = {
  /** The UDP port answering, or null when the port could not be bound (nothing answers). */
  port: number | null;
  close(): Promise<void>;
};

const QUERY = Buffer.from(DISCOVERY_QUERY, 'ascii');

/** One TokenBucket per key (a source address), forgotten once idle long enough to be full again. */
class Buckets {
  private readonly buckets = new Map<string, { bucket: TokenBucket; last: number }>();
  constructor(
    private readonly rate: number,
    private readonly maxKeys: number,
  ) {}

  take(key: string, now: number): boolean {
    let entry = this.buckets.get(key);
    if (!entry) {
      if (this.buckets.size >= this.maxKeys) this.prune(now);
      if (this.buckets.size >= this.maxKeys) return false;
      entry = { bucket: new TokenBucket(this.rate, this.rate, now), last: now };
      this.buckets.set(key, entry);
    }
    entry.last = now;
    return entry.bucket.take(now);
  }

  private prune(now: number): void {
    for (const [key, entry] of this.buckets) if (now - entry.last >= 1000) this.buckets.delete(key);
  }
}

const noop: DiscoveryResponder = { port: null, close: async () => {} };

/** Binds the discovery port and answers queries; a port in use only logs a warning. */
/**
 * Whether a datagram is a query to answer. Size first: nothing larger than a query is even
 * compared. Queriers send from ephemeral ports; a privileged source port is a spoofed one aiming
 * answers at a service.
 */
export function isDiscoveryQuery(message: Uint8Array, sourcePort: number): boolean {
  return message.length <= DISCOVERY_MAX_QUERY_BYTES && Buffer.from(message).equals(QUERY) && sourcePort >= 1024;
}

export async function startDiscoveryResponder(options: DiscoveryResponderOptions): Promise<DiscoveryResponder> {
  const { log } = options;
  const now = options.now ?? Date.now;
  const limits = { ...DISCOVERY_LIMITS, ...options.limits };
  const name = discoveryName(options.name);
  const perSource = new Buckets(limits.perSource, limits.maxSources);
  const total = new TokenBucket(limits.total, limits.total, now());
  const socket = createSocket({ type: 'udp4' });

  const port = await new Promise<number | null>((resolve) => {
    const fail = (error: Error) => {
      log.warn('discovery.unavailable', { port: options.port ?? DISCOVERY_PORT, error, effect: 'other apps cannot find this host; joining by code still works' });
      try {
        socket.close();
      } catch {
        // already closed
      }
      resolve(null);
    };
    socket.once('error', fail);
    socket.bind(options.port ?? DISCOVERY_PORT, options.address ?? '0.0.0.0', () => {
      socket.off('error', fail);
      resolve(socket.address().port);
    });
  });
  if (port === null) return noop;

  socket.on('error', (error) => log.warn('discovery.socketError', { error }));
  socket.on('message', (message: Buffer, remote: RemoteInfo) => {
    if (!isDiscoveryQuery(message, remote.port)) return;
    try {
      const rooms = Math.min(1000, Math.max(0, Math.floor(options.roomCount())));
      if (rooms === 0) return;
      const at = now();
      if (!perSource.take(remote.address, at) || !total.take(at)) return;
      const answer: DiscoveryAnswer = { v: 1, name, port: options.httpPort(), rooms };
      // Errors (e.g. a spoofed broadcast source: this socket may not send broadcasts) are dropped.
      socket.send(JSON.stringify(answer), remote.port, remote.address, () => {});
    } catch (error) {
      // A throw in a socket listener would take the whole host down.
      log.warn('discovery.answerFailed', { error });
    }
  });
  log.info('discovery.listening', { port });

  let closing: Promise<void> | undefined;
  return {
    port,
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        try {
          socket.close(() => resolve());
        } catch {
          resolve();
        }
      })),
  };
}
