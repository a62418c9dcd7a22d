// The participant's side of LAN discovery (shared/room/discovery.ts): broadcast the query on
// every IPv4 network of this machine, collect the answers that validate for a fixed time, and
// return each host once. Always ends by the timeout with its socket closed, whatever arrives.
import { createSocket, type RemoteInfo } from 'node:dgram';
import { isIPv4 } from 'node:net';
import { networkInterfaces } from 'node:os';
import {
  DISCOVERY_MAX_ANSWER_BYTES,
  DISCOVERY_PORT,
  DISCOVERY_QUERY,
  DiscoveryAnswerSchema,
  discoveryName,
  type DiscoveredHost,
} from '../../shared/room/discovery';
import type { InterfaceTable } from './network';

export const LIMITED_BROADCAST = '255.255.255.255';
export const DEFAULT_DISCOVERY_TIMEOUT_MS = 800;
/** More answers than this are ignored (a LAN with hundreds of hosts is not a workshop room). */
export const MAX_DISCOVERED_HOSTS = 256;

function ipv4ToInt(address: string): number {
  return address.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

function intToIpv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/**
 * The directed broadcast address of every non-internal IPv4 network (address | ~netmask), then
 * 255.255.255.255, which leaves by one interface only and so does not replace them.
 */
export function broadcastAddresses(interfaces: InterfaceTable = networkInterfaces()): string[] {
  const found: string[] = [];
  for (const list of Object.values(interfaces)) {
    for (const info of list ?? []) {
      // Node 18.0–18.3 reported family as the number 4.
      const ipv4 = info.family === 'IPv4' || (info.family as unknown) === 4;
      if (!ipv4 || info.internal || !isIPv4(info.address) || !isIPv4(info.netmask)) continue;
      const mask = ipv4ToInt(info.netmask);
      // /31 and /32 (point-to-point links, VPNs) have no broadcast address.
      if (mask >>> 0 >= 0xfffffffe) continue;
      const broadcast = intToIpv4((ipv4ToInt(info.address) | (~mask >>> 0)) >>> 0);
      if (!found.includes(broadcast)) found.push(broadcast);
    }
  }
  return [...found, LIMITED_BROADCAST];
}

export type DiscoverOptions = {
  /** How long to collect answers; clamped to 50–5,000 ms. */
  timeoutMs?: number;
  /** Where to send the query; default broadcastAddresses(). Tests pass ['127.0.0.1']. */
  broadcastAddresses?: readonly string[];
  /** UDP port of the hosts; default DISCOVERY_PORT. */
  port?: number;
};

/** Hosts that answered within the timeout, once per address:port, sorted by name then address. */
export function discoverHosts(options: DiscoverOptions = {}): Promise<DiscoveredHost[]> {
  const timeoutMs = Math.min(5000, Math.max(50, options.timeoutMs ?? DEFAULT_DISCOVERY_TIMEOUT_MS));
  const targets = [...new Set(options.broadcastAddresses ?? broadcastAddresses())].filter((a) => isIPv4(a));
  const port = options.port ?? DISCOVERY_PORT;
  const hosts = new Map<string, DiscoveredHost>();
  const socket = createSocket({ type: 'udp4' });

  return new Promise<DiscoveredHost[]>((resolve) => {
    let done = false;
    let bound = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      try {
        socket.close();
      } catch {
        // never bound, or already closed
      }
      resolve([...hosts.values()].sort((a, b) => a.name.localeCompare(b.name) || ipv4ToInt(a.address) - ipv4ToInt(b.address) || a.port - b.port));
    };
    const timer = setTimeout(finish, timeoutMs);

    // Before binding, an error is a failed bind (nothing can be found); after, one failed send.
    socket.on('error', () => {
      if (!bound) finish();
    });
    socket.on('message', (message: Buffer, remote: RemoteInfo) => {
      if (done || message.length > DISCOVERY_MAX_ANSWER_BYTES || !isIPv4(remote.address)) return;
      let json: unknown;
      try {
        json = JSON.parse(message.toString('utf8'));
      } catch {
        return;
      }
      const answer = DiscoveryAnswerSchema.safeParse(json);
      if (!answer.success) return;
      const key = `${remote.address}:${answer.data.port}`;
      if (hosts.has(key) || hosts.size >= MAX_DISCOVERED_HOSTS) return;
      hosts.set(key, { address: remote.address, port: answer.data.port, name: discoveryName(answer.data.name), rooms: answer.data.rooms });
    });

    socket.bind(0, () => {
      bound = true;
      if (done) return;
      try {
        socket.setBroadcast(true);
      } catch {
        // without it only unicast targets can be reached
      }
      const query = Buffer.from(DISCOVERY_QUERY, 'ascii');
      // A network that is down answers ENETUNREACH or EACCES: skip it, keep the others.
      for (const address of targets) socket.send(query, port, address, () => {});
    });
  });
}
