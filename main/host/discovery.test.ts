// LAN discovery, over loopback only (no broadcast ever leaves this machine in a test): the host's
// responder, the participant's query, and both wired into a real host.
import { createSocket, type Socket } from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { DISCOVERY_QUERY, discoveryName } from '../../shared/room/discovery';
import { isDiscoveryQuery, startDiscoveryResponder, type DiscoveryResponder, type DiscoveryResponderOptions } from './discovery';
import { broadcastAddresses, discoverHosts } from './discoveryQuery';
import { createMemoryLogger, silentLogger } from './log';
import type { InterfaceTable } from './network';
import { createHost, type Host } from './server';
import { fakeRenderer, tempDir } from './testSupport';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function responder(options: Partial<DiscoveryResponderOptions> = {}): Promise<DiscoveryResponder & { port: number }> {
  const started = await startDiscoveryResponder({ port: 0, address: '127.0.0.1', httpPort: () => 4780, name: 'facilitator-laptop', roomCount: () => 2, log: silentLogger, ...options });
  cleanups.push(() => started.close());
  if (started.port === null) throw new Error('responder did not bind');
  return started as DiscoveryResponder & { port: number };
}

async function udpSocket(port = 0): Promise<Socket> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(port, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => socket.close(() => resolve())));
  return socket;
}

/** Sends each payload to the port from one socket and returns every answer within `ms`. */
async function ask(port: number, payloads: Array<string | Buffer>, ms = 150): Promise<string[]> {
  const socket = await udpSocket();
  const answers: string[] = [];
  socket.on('message', (message) => answers.push(message.toString('utf8')));
  for (const payload of payloads) socket.send(payload, port, '127.0.0.1');
  await new Promise((resolve) => setTimeout(resolve, ms));
  return answers;
}

/** Open UDP sockets of this process, once closes in flight have finished. */
async function udpHandles(): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, 20));
  return process.getActiveResourcesInfo().filter((name) => name === 'UDPWrap').length;
}

describe('discovery responder', () => {
  it('answers the query with its name, HTTP port and room count, and nothing else', async () => {
    const { port } = await responder({ name: '  Kim\u0007’s\u202e laptop  ' });
    const answers = await ask(port, [DISCOVERY_QUERY]);
    expect(answers).toHaveLength(1);
    expect(JSON.parse(answers[0]!)).toStrictEqual({ v: 1, name: 'Kim’s laptop', port: 4780, rooms: 2 });
  });

  it('ignores anything but the exact query, oversize datagrams unread, and stays alive', async () => {
    const { port } = await responder();
    const others = [
      'MADANG-DISCOVER/2',
      'madang-discover/1',
      `${DISCOVERY_QUERY}\n`,
      ` ${DISCOVERY_QUERY}`,
      DISCOVERY_QUERY.slice(0, -1),
      '{"v":1}',
      Buffer.alloc(0),
      Buffer.concat([Buffer.from(DISCOVERY_QUERY), Buffer.alloc(48)]),
      DISCOVERY_QUERY.repeat(4),
      Buffer.alloc(9000, 0x41),
    ];
    expect(await ask(port, others)).toEqual([]);
    expect(await ask(port, [DISCOVERY_QUERY])).toHaveLength(1);
  });

  it('does not answer a privileged source port (a spoofed query aimed at a service)', () => {
    const query = Buffer.from(DISCOVERY_QUERY);
    expect(isDiscoveryQuery(query, 1023)).toBe(false);
    expect(isDiscoveryQuery(query, 53)).toBe(false);
    expect(isDiscoveryQuery(query, 1024)).toBe(true);
    expect(isDiscoveryQuery(Buffer.concat([query, Buffer.from('x')]), 50000)).toBe(false);
  });

  it('stays silent while no room is open, so participants’ own apps do not crowd the list', async () => {
    let rooms = 0;
    const { port } = await responder({ roomCount: () => rooms });
    expect(await ask(port, [DISCOVERY_QUERY])).toEqual([]);
    rooms = 1;
    expect(await ask(port, [DISCOVERY_QUERY])).toHaveLength(1);
  });

  it('reads the HTTP port and room count at each answer (the host may move or open rooms)', async () => {
    let httpPort = 4780;
    let rooms = 1;
    const { port } = await responder({ httpPort: () => httpPort, roomCount: () => rooms });
    httpPort = 51234;
    rooms = 5000;
    expect(JSON.parse((await ask(port, [DISCOVERY_QUERY]))[0]!)).toMatchObject({ port: 51234, rooms: 1000 });
  });

  it('answers one source at most 10 times a second', async () => {
    let now = 1_000_000;
    const { port } = await responder({ now: () => now });
    expect(await ask(port, Array(15).fill(DISCOVERY_QUERY), 250)).toHaveLength(10);
    // Same source address (another socket on 127.0.0.1): still limited until time passes.
    expect(await ask(port, [DISCOVERY_QUERY])).toEqual([]);
    now += 1000;
    expect(await ask(port, Array(15).fill(DISCOVERY_QUERY), 250)).toHaveLength(10);
  });

  it('caps answers to everyone together too', async () => {
    const { port } = await responder({ now: () => 0, limits: { perSource: 100, total: 4 } });
    expect(await ask(port, Array(10).fill(DISCOVERY_QUERY), 250)).toHaveLength(4);
  });

  it('does not crash when the port is taken: it warns and answers nothing', async () => {
    const taken = await udpSocket();
    const log = createMemoryLogger();
    const started = await startDiscoveryResponder({ port: taken.address().port, address: '127.0.0.1', httpPort: () => 4780, name: 'x', roomCount: () => 1, log });
    expect(started.port).toBeNull();
    expect(log.entries).toEqual([expect.objectContaining({ level: 'warn', event: 'discovery.unavailable', error: expect.objectContaining({ code: 'EADDRINUSE' }) })]);
    await expect(started.close()).resolves.toBeUndefined();
  });

  it('stops answering once closed; closing twice is fine', async () => {
    const started = await responder();
    await started.close();
    await started.close();
    expect(await ask(started.port, [DISCOVERY_QUERY])).toEqual([]);
  });
});

describe('discoverHosts', () => {
  it('finds a responder (pointed at loopback, never a broadcast in tests)', async () => {
    const { port } = await responder();
    const found = await discoverHosts({ broadcastAddresses: ['127.0.0.1'], port, timeoutMs: 200 });
    expect(found).toEqual([{ address: '127.0.0.1', port: 4780, name: 'facilitator-laptop', rooms: 2 }]);
  });

  it('keeps only valid answers, once per address and port, with names cleaned', async () => {
    const fake = await udpSocket();
    const valid = { v: 1, name: 'good\u202ehost', port: 4790, rooms: 3 };
    const replies: Array<string | Buffer> = [
      'not json',
      JSON.stringify({ ...valid, name: 'x'.repeat(65) }),
      JSON.stringify({ ...valid, name: '' }),
      JSON.stringify({ ...valid, v: 2 }),
      JSON.stringify({ ...valid, port: 0 }),
      JSON.stringify({ ...valid, port: 4790.5 }),
      JSON.stringify({ ...valid, rooms: 1001 }),
      JSON.stringify({ ...valid, rooms: -1 }),
      JSON.stringify({ ...valid, joinCode: 'ABCDEF' }),
      JSON.stringify([valid]),
      'null',
      // Valid JSON, but over the size limit: dropped unparsed.
      JSON.stringify(valid) + ' '.repeat(600),
      JSON.stringify(valid),
      JSON.stringify({ ...valid, name: 'again' }),
    ];
    const queries: string[] = [];
    fake.on('message', (message, remote) => {
      queries.push(message.toString('utf8'));
      for (const reply of replies) fake.send(reply, remote.port, remote.address);
    });
    const found = await discoverHosts({ broadcastAddresses: ['127.0.0.1'], port: fake.address().port, timeoutMs: 250 });
    expect(queries).toEqual([DISCOVERY_QUERY]);
    expect(found).toEqual([{ address: '127.0.0.1', port: 4790, name: 'goodhost', rooms: 3 }]);
  });

  it('always ends by the timeout with its socket closed, even under a flood of answers', async () => {
    const fake = await udpSocket();
    let flood: ReturnType<typeof setInterval> | undefined;
    let next = 1;
    fake.on('message', (_message, remote) => {
      flood ??= setInterval(() => {
        for (let i = 0; i < 20; i++) fake.send(JSON.stringify({ v: 1, name: `h${next}`, port: (next++ % 65535) + 1, rooms: 1 }), remote.port, remote.address, () => {});
      }, 1);
    });
    cleanups.push(() => clearInterval(flood));
    const before = await udpHandles();
    const started = Date.now();
    const found = await discoverHosts({ broadcastAddresses: ['127.0.0.1'], port: fake.address().port, timeoutMs: 200 });
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(190);
    expect(took).toBeLessThan(1000);
    expect(found.length).toBeGreaterThan(0);
    expect(found.length).toBeLessThanOrEqual(256);
    expect(await udpHandles()).toBe(before);
  });

  it('finds nothing, in time, when nobody answers or the address cannot be sent to', async () => {
    const silent = await udpSocket();
    const before = await udpHandles();
    const started = Date.now();
    await expect(discoverHosts({ broadcastAddresses: ['127.0.0.1', '0.0.0.0', 'not an address'], port: silent.address().port, timeoutMs: 100 })).resolves.toEqual([]);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await udpHandles()).toBe(before);
  });
});

describe('broadcastAddresses', () => {
  const iface = (address: string, netmask: string, family: 'IPv4' | 'IPv6' = 'IPv4', internal = false) => ({ address, netmask, family, internal, mac: '', cidr: null });

  it('is the directed broadcast of every external IPv4 network, each once, then 255.255.255.255', () => {
    const table = {
      lo: [iface('127.0.0.1', '255.0.0.0', 'IPv4', true), iface('::1', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 'IPv6', true)],
      wlan0: [iface('192.168.0.23', '255.255.255.0'), iface('fe80::1', 'ffff:ffff:ffff:ffff::', 'IPv6')],
      eth0: [iface('10.1.2.3', '255.255.0.0'), iface('192.168.0.99', '255.255.255.0')],
      hotspot: [{ ...iface('172.20.10.2', '255.255.255.240'), family: 4 }],
      vpn: [iface('100.64.0.7', '255.255.255.255')],
    } as unknown as InterfaceTable;
    expect(broadcastAddresses(table)).toEqual(['192.168.0.255', '10.1.255.255', '172.20.10.15', '255.255.255.255']);
    expect(broadcastAddresses({})).toEqual(['255.255.255.255']);
  });
});

describe('discoveryName', () => {
  it('removes control and bidi characters and cuts to 64 UTF-16 units without splitting a character', () => {
    expect(discoveryName('  MacBook-Pro.local \n')).toBe('MacBook-Pro.local');
    expect(discoveryName('a\u0000b\u001bc\u200fd\u2066e')).toBe('abcde');
    expect(discoveryName('x'.repeat(100))).toBe('x'.repeat(64));
    expect(discoveryName(`${'x'.repeat(63)}😀`)).toBe('x'.repeat(63));
    expect(discoveryName('마당'.repeat(40))).toHaveLength(64);
    expect(discoveryName(' \u0007 ')).toBe('Madang');
  });
});

describe('a host with discovery on', () => {
  let host: Host | undefined;
  afterEach(async () => {
    await host?.close();
    host = undefined;
  });

  async function startHost(discoveryPort: number) {
    const dir = tempDir();
    cleanups.push(() => dir.remove());
    const log = createMemoryLogger();
    host = await createHost({
      port: 0,
      bind: '127.0.0.1',
      dataDir: dir.path,
      staticDir: fakeRenderer(`${dir.path}/www`),
      version: '0.0.0-test',
      defaultRoom: { sessionId: 'default', title: '비밀 제목 워크숍' },
      log,
      discovery: { port: discoveryPort, name: 'facilitator-laptop' },
    });
    return { host, log };
  }

  it('answers with its real HTTP port and never its join code, room id or title; stops on close', async () => {
    const { host, log } = await startHost(0);
    const port = log.entries.find((e) => e.event === 'discovery.listening')?.port as number;
    expect(port).toBeGreaterThan(0);
    const room = host.defaultRoom()!;
    const [answer] = await ask(port, [DISCOVERY_QUERY]);
    expect(JSON.parse(answer!)).toStrictEqual({ v: 1, name: 'facilitator-laptop', port: host.port, rooms: 1 });
    for (const secret of [room.joinCode, room.roomId, room.sessionId, room.title]) expect(answer).not.toContain(secret);

    await host.close();
    expect(await ask(port, [DISCOVERY_QUERY])).toEqual([]);
  });

  it('still starts when the discovery port is taken', async () => {
    const taken = createSocket('udp4');
    await new Promise<void>((resolve) => taken.bind(0, '0.0.0.0', resolve));
    cleanups.push(() => new Promise<void>((resolve) => taken.close(() => resolve())));
    const { host, log } = await startHost(taken.address().port);
    expect(log.entries.some((e) => e.event === 'discovery.unavailable' && e.level === 'warn')).toBe(true);
    await expect(fetch(`${host.url}/api/health`)).resolves.toMatchObject({ status: 200 });
  });
});
