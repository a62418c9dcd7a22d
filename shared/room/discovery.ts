// Finding workshop hosts on the LAN: a participant's app broadcasts one fixed UDP datagram and
// every host that has a room open answers with its display name, HTTP port and how many rooms
// are open. Anyone on the network can ask, so the answer holds nothing that lets anyone in: no
// join codes, no room ids, no titles. The join code stays the authorisation.
import { z } from 'zod';

/** UDP port hosts listen on for queries (the HTTP host's default is 4780). */
export const DISCOVERY_PORT = 4781;

/** The whole query datagram, ASCII. Anything else is ignored. */
export const DISCOVERY_QUERY = 'MADANG-DISCOVER/1';

/** Datagrams larger than this are dropped unread (the query is 17 bytes). */
export const DISCOVERY_MAX_QUERY_BYTES = 64;

/** Answers larger than this are dropped unparsed (a real one is under 200 bytes). */
export const DISCOVERY_MAX_ANSWER_BYTES = 512;

export const DISCOVERY_NAME_MAX = 64;

export const DiscoveryAnswerSchema = z.strictObject({
  v: z.literal(1),
  name: z.string().min(1).max(DISCOVERY_NAME_MAX),
  port: z.number().int().min(1).max(65535),
  rooms: z.number().int().min(0).max(1000),
});
export type DiscoveryAnswer = z.infer<typeof DiscoveryAnswerSchema>;

/** A host found on the LAN: `address` is where its answer came from, not what it claimed. */
export const DiscoveredHostSchema = z.object({
  address: z.ipv4(),
  port: z.number().int().min(1).max(65535),
  name: z.string().min(1).max(DISCOVERY_NAME_MAX),
  rooms: z.number().int().min(0).max(1000),
});
export type DiscoveredHost = z.infer<typeof DiscoveredHostSchema>;

export const DiscoveredHostsSchema = z.array(DiscoveredHostSchema).max(256);

/**
 * A host's name as announced and as shown: without control characters or bidi overrides (which
 * could make a name look like another address), cut to DISCOVERY_NAME_MAX UTF-16 units (the
 * schema's measure) without splitting a character; 'Madang' when nothing is left. Hosts apply
 * it to the machine's name, queriers again to every name they receive.
 */
export function discoveryName(raw: string): string {
  // eslint-disable-next-line no-control-regex -- stripping control characters is the point
  const clean = raw.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '').trim();
  let name = '';
  for (const char of clean) {
    if (name.length + char.length > DISCOVERY_NAME_MAX) break;
    name += char;
  }
  name = name.trim();
  return name === '' ? 'Madang' : name;
}

/** The HTTP origin of a found host, e.g. http://192.168.0.10:4780 (IPv4 only: discovery is IPv4). */
export function discoveredOrigin(host: Pick<DiscoveredHost, 'address' | 'port'>): string {
  return `http://${host.address}:${host.port}`;
}
