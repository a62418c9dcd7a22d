// Which addresses participants can reach, and which peers are the facilitator's own machine.
import { isIP } from 'node:net';
import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';

export type InterfaceTable = NodeJS.Dict<NetworkInterfaceInfo[]>;
export type InterfaceSource = () => InterfaceTable;

/**
 * Non-internal IPv4 addresses, in interface order, link-local (169.254.x.x, no DHCP) last
 * because a phone on the Wi-Fi can rarely reach them.
 */
export function lanAddresses(interfaces: InterfaceTable = networkInterfaces()): string[] {
  const found: string[] = [];
  for (const list of Object.values(interfaces)) {
    for (const info of list ?? []) {
      // Node 18.0–18.3 reported family as the number 4.
      const ipv4 = info.family === 'IPv4' || (info.family as unknown) === 4;
      if (ipv4 && !info.internal && !found.includes(info.address)) found.push(info.address);
    }
  }
  const linkLocal = (a: string) => a.startsWith('169.254.');
  return [...found.filter((a) => !linkLocal(a)), ...found.filter(linkLocal)];
}

/** True for 127.0.0.0/8, ::1 and IPv4-mapped loopback; false for anything else or nothing. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.toLowerCase().startsWith('::ffff:') ? address.slice(7) : address;
  if (isIP(v4) === 4) return v4.startsWith('127.');
  return address === '::1' || address === '0:0:0:0:0:0:0:1';
}

/**
 * True when a Host header names this machine by a loopback name. Together with the peer
 * address it stops a web page that rebinds its DNS name to 127.0.0.1 from using local routes.
 */
export function isLoopbackHost(hostHeader: string | undefined): boolean {
  if (!hostHeader) return false;
  const match = /^(\[[0-9a-fA-F:.]+\]|[^:[\]]+)(?::\d{1,5})?$/.exec(hostHeader.trim());
  if (!match?.[1]) return false;
  const name = match[1].toLowerCase();
  if (name === 'localhost') return true;
  return isLoopbackAddress(name.startsWith('[') ? name.slice(1, -1) : name);
}

export function isWildcardAddress(address: string): boolean {
  return address === '0.0.0.0' || address === '::' || address === '';
}

/** How an address is written inside a URL (IPv6 in brackets). */
export function urlHost(address: string): string {
  return isIP(address) === 6 ? `[${address}]` : address;
}

export type HostOrigins = {
  /** The origin for this machine: loopback when listening everywhere, else the bound address. */
  own: string;
  /** LAN addresses participants can reach: all of them when listening everywhere. */
  addresses: string[];
  /** The origin put in join URLs and QR codes: the first LAN address, else `own`. */
  join: string;
};

export function hostOrigins(boundAddress: string, port: number, lan: readonly string[]): HostOrigins {
  const wildcard = isWildcardAddress(boundAddress);
  const own = `http://${urlHost(wildcard ? '127.0.0.1' : boundAddress)}:${port}`;
  const addresses = wildcard ? [...lan] : isLoopbackAddress(boundAddress) ? [] : [boundAddress];
  const first = addresses[0];
  return { own, addresses, join: first === undefined ? own : `http://${urlHost(first)}:${port}` };
}
