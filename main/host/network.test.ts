import { describe, expect, it } from 'vitest';
import { hostOrigins, isLoopbackAddress, isLoopbackHost, lanAddresses, urlHost, type InterfaceTable } from './network';

const iface = (address: string, family: 'IPv4' | 'IPv6', internal = false) => ({ address, family, internal, netmask: '', mac: '', cidr: null });

describe('network', () => {
  it('lists non-internal IPv4 addresses, link-local last, each once', () => {
    const table = {
      lo: [iface('127.0.0.1', 'IPv4', true), iface('::1', 'IPv6', true)],
      eth0: [iface('169.254.10.2', 'IPv4'), iface('fe80::1', 'IPv6')],
      wlan0: [iface('192.168.0.23', 'IPv4'), iface('192.168.0.23', 'IPv4')],
      legacy: [{ ...iface('10.0.0.5', 'IPv4'), family: 4 }],
    } as unknown as InterfaceTable;
    expect(lanAddresses(table)).toEqual(['192.168.0.23', '10.0.0.5', '169.254.10.2']);
    expect(lanAddresses({})).toEqual([]);
  });

  it('recognises loopback peers only', () => {
    for (const a of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1']) expect(isLoopbackAddress(a)).toBe(true);
    for (const a of ['192.168.0.2', '10.0.0.1', '::ffff:192.168.0.2', '0.0.0.0', '', undefined, 'localhost', '127.0.0.1.evil']) expect(isLoopbackAddress(a)).toBe(false);
  });

  it('recognises loopback Host headers only', () => {
    for (const h of ['127.0.0.1:4780', 'localhost:4780', 'LOCALHOST', '[::1]:4780', '127.0.0.1']) expect(isLoopbackHost(h)).toBe(true);
    for (const h of ['evil.example:4780', '192.168.0.2:4780', 'localhost.evil.example', '127.0.0.1.nip.io', '', undefined]) expect(isLoopbackHost(h)).toBe(false);
  });

  it('brackets IPv6 in URLs', () => {
    expect(urlHost('::1')).toBe('[::1]');
    expect(urlHost('192.168.0.2')).toBe('192.168.0.2');
  });

  it('joins through the first LAN address when listening everywhere, else through the bound one', () => {
    expect(hostOrigins('0.0.0.0', 4780, ['192.168.0.23', '10.0.0.5'])).toEqual({ own: 'http://127.0.0.1:4780', addresses: ['192.168.0.23', '10.0.0.5'], join: 'http://192.168.0.23:4780' });
    expect(hostOrigins('0.0.0.0', 4780, [])).toEqual({ own: 'http://127.0.0.1:4780', addresses: [], join: 'http://127.0.0.1:4780' });
    expect(hostOrigins('::', 4780, ['192.168.0.23']).own).toBe('http://127.0.0.1:4780');
    expect(hostOrigins('192.168.0.23', 4780, [])).toEqual({ own: 'http://192.168.0.23:4780', addresses: ['192.168.0.23'], join: 'http://192.168.0.23:4780' });
    expect(hostOrigins('127.0.0.1', 4780, ['192.168.0.23'])).toEqual({ own: 'http://127.0.0.1:4780', addresses: [], join: 'http://127.0.0.1:4780' });
    expect(hostOrigins('::1', 4780, []).own).toBe('http://[::1]:4780');
  });
});
