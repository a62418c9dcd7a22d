// Measures what two attacks from issue 8 do to a real host process on loopback: its RSS and how
// long /api/health takes to answer while they run. Not a test (no pass/fail): the figures go in
// the before → after table. Bounded in time; prints one JSON object.
//
//   node scripts/attack-measure.mjs [--cli out/host/cli.mjs] [--scenario storm|slow|both]
//
// storm: sockets announce fresh y-webrtc peer ids within the per-socket message limit
//        (5 sockets for 5 s, then 20 sockets for 10 s), then 10 s of quiet.
// slow:  a 48 MB board, then 8 relay sockets that each send a 4-byte sync request and stop
//        reading; watched for 10 s.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import WebSocket from 'ws';
import * as Y from 'yjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : process.argv[i + 1];
};
const cli = arg('cli', new URL('../out/host/cli.mjs', import.meta.url).pathname);
const scenario = arg('scenario', 'both');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const MB = 1024 * 1024;

async function startHost() {
  const dataDir = mkdtempSync(join(tmpdir(), 'madang-measure-'));
  const child = spawn(process.execPath, [...(process.env.HOST_NODE_ARGS ?? '').split(' ').filter(Boolean), cli, '--port', '0', '--bind', '127.0.0.1', '--data', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let logLines = 0;
  createInterface({ input: child.stderr }).on('line', () => logLines++);
  const line = await new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`host exited (${code})`)));
  });
  const listening = JSON.parse(line);
  const ticket = await (await fetch(`${listening.url}/api/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: listening.joinCode }) })).json();
  return {
    ...listening,
    roomId: ticket.roomId,
    pid: child.pid,
    logLines: () => logLines,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await Promise.race([exited, sleep(5000)]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function rssMB(pid) {
  try {
    const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
    return Math.round(kb / 1024);
  } catch {
    return null;
  }
}

/** Polls /api/health one request at a time (100 ms apart) and keeps the slowest answer. */
function watchHealth(url) {
  let running = true;
  let worst = 0;
  let count = 0;
  const done = (async () => {
    while (running) {
      const started = performance.now();
      try {
        await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(120_000) });
      } catch {
        // a refused or timed-out request counts with its time
      }
      worst = Math.max(worst, performance.now() - started);
      count++;
      await sleep(100);
    }
  })();
  return { stop: async () => ((running = false), await done, { worstMs: Math.round(worst), requests: count }) };
}

function peakRss(pid) {
  let peak = rssMB(pid) ?? 0;
  const timer = setInterval(() => (peak = Math.max(peak, rssMB(pid) ?? 0)), 200);
  return () => (clearInterval(timer), peak);
}

const openSocket = (url) =>
  new Promise((resolve) => {
    const ws = new WebSocket(url);
    ws.closeCode = null;
    ws.on('close', (code) => (ws.closeCode = code));
    ws.on('error', () => {});
    ws.once('open', () => resolve(ws));
    ws.once('close', () => resolve(ws));
  });

async function storm(host, sockets, seconds, perSecond) {
  const topic = `madang:${host.roomId}`;
  const url = `${host.url.replace('http', 'ws')}/signal?code=${host.joinCode}`;
  const list = await Promise.all(Array.from({ length: sockets }, () => openSocket(url)));
  for (const ws of list) if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ type: 'subscribe', topics: [topic] }));
  let serial = 0;
  let sent = 0;
  const end = Date.now() + seconds * 1000;
  while (Date.now() < end) {
    for (const ws of list) {
      if (ws.readyState !== WebSocket.OPEN) continue;
      for (let i = 0; i < perSecond / 10; i++) {
        ws.send(JSON.stringify({ type: 'publish', topic, data: { type: 'announce', from: `storm-${++serial}` } }));
        sent++;
      }
    }
    await sleep(100);
  }
  const closedByHost = list.filter((ws) => ws.closeCode !== null).map((ws) => ws.closeCode);
  for (const ws of list) ws.terminate();
  return { sockets, seconds, announcesSent: sent, closedByHost: closedByHost.length, closeCodes: [...new Set(closedByHost)] };
}

async function runStorm() {
  const host = await startHost();
  await sleep(1000);
  const result = { rssStartMB: rssMB(host.pid), storms: [] };
  for (const [sockets, seconds] of [
    [5, 5],
    [20, 10],
  ]) {
    const health = watchHealth(host.url);
    const peak = peakRss(host.pid);
    const stormResult = await storm(host, sockets, seconds, 150);
    await sleep(10_000);
    result.storms.push({ ...stormResult, health: await health.stop(), rssPeakMB: peak(), rssAfter10sMB: rssMB(host.pid) });
  }
  result.hostLogLines = host.logLines();
  await host.stop();
  return result;
}

function syncUpdateMessage(update) {
  // messageSync (0), messageYjsUpdate (2), then the update as a length-prefixed byte array
  const header = [0, 2];
  let n = update.byteLength;
  while (n > 0x7f) {
    header.push((n & 0x7f) | 0x80);
    n = Math.floor(n / 128);
  }
  header.push(n);
  return Buffer.concat([Buffer.from(header), update]);
}

async function runSlow() {
  const host = await startHost();
  const relayUrl = `${host.url.replace('http', 'ws')}/relay/${host.roomId}?code=${host.joinCode}`;
  const doc = new Y.Doc();
  const records = doc.getMap('records');
  doc.transact(() => {
    for (let i = 0; i < 480; i++) records.set(`r${i}`, 'x'.repeat(100_000));
  });
  const update = Y.encodeStateAsUpdate(doc);
  const writer = await openSocket(relayUrl);
  writer.send(syncUpdateMessage(update));
  await new Promise((resolve) => writer.send(new Uint8Array([0, 0, 1, 0]), resolve));
  // The host's answer to our sync request carries the board back: it has it all.
  await new Promise((resolve) => {
    let received = 0;
    writer.on('message', (data) => {
      received = Math.max(received, data.length);
      if (received >= update.byteLength) resolve();
    });
    setTimeout(resolve, 30_000);
  });
  writer.terminate();
  await sleep(2000);
  const result = { boardMB: Math.round(update.byteLength / MB), rssStartMB: rssMB(host.pid) };
  const health = watchHealth(host.url);
  const peak = peakRss(host.pid);
  const readers = await Promise.all(Array.from({ length: 8 }, () => openSocket(relayUrl)));
  for (const ws of readers) {
    if (ws.readyState !== WebSocket.OPEN) continue;
    ws.send(new Uint8Array([0, 0, 1, 0]));
    ws._socket.pause();
  }
  await sleep(10_000);
  for (const ws of readers) ws._socket.resume();
  await sleep(1000);
  Object.assign(result, { health: await health.stop(), rssPeakMB: peak(), rssAfterMB: rssMB(host.pid), closeCodes: readers.map((ws) => ws.closeCode) });
  for (const ws of readers) ws.terminate();
  await host.stop();
  return result;
}

const out = { cli };
if (scenario === 'storm' || scenario === 'both') out.storm = await runStorm();
if (scenario === 'slow' || scenario === 'both') out.slow = await runSlow();
console.log(JSON.stringify(out, null, 2));
process.exit(0);
