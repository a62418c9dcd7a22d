// A join storm of real browsers: one host (the built CLI, its own process) with a room open, and N
// Chromium pages running the whole app (one browser, a context each, as separate devices) that
// open the join URL at the same instant. Each participant then adds `--notes` notes one at a time
// (a transaction each) while moving its pointer over the canvas, as people do.
// Reported per run: time until every page is synced with the hub, time from the last edit until
// every page holds every note (convergence), the transport mix (WebRTC / relay) at the end, the
// host's CPU and memory, and the same storm by N Node clients on the relay from this process
// beside it (no app, no browser: the floor the browsers are compared with), and by N Node clients
// on a room that syncs through an external Hocuspocus server (scale-out). Also a late joiner in a
// browser: a board of `--late` notes (5,000 and 20,000) from its view opening to every note there.
// Usage: npm run bench -- crowd [--n=24] [--notes=20] [--runs=3] [--timeout=120] [--late=5000,20000]
/* global window, requestAnimationFrame -- code inside page.evaluate runs in the browser */
import { chromium } from '@playwright/test';
import WebSocket from 'ws';
import { startHostProcess } from '../lib/host-process.mjs';
import { importTs } from '../lib/import-ts.mjs';
import { hocuspocusNodeRun } from './lib/crowdHocuspocus.mjs';
import { emit, option, percentile, processUsage } from './lib/metrics.mjs';

const B = 'crowd';
const N = option('n', 24, Number);
const NOTES = option('notes', 20, Number);
const RUNS = option('runs', 3, Number);
const TIMEOUT_S = option('timeout', 120, Number);
const LATE_JOIN_NOTES = String(option('late', '5000,20000', String)).split(',').filter(Boolean).map(Number);
const GOAL_MS = 5_000;
const launch = {
  executablePath: process.env.MADANG_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-features=WebRtcHideLocalIpsWithMdns'],
};

const log = (text) => process.stderr.write(`[crowd] ${text}\n`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const withAutomation = (url) => {
  const u = new URL(url);
  u.searchParams.set('automation', '1');
  return u.toString();
};

/** Polls every page until `test` (run in each page) holds on all of them; ms when it did, or null. */
async function untilAll(pages, test, arg, deadline) {
  while (performance.now() < deadline) {
    const results = await Promise.all(pages.map((page) => page.evaluate(test, arg).catch(() => false)));
    if (results.every(Boolean)) return performance.now();
    await sleep(100);
  }
  return null;
}

async function browserRun(browser, run) {
  const host = await startHostProcess();
  const contexts = [];
  try {
    const before = processUsage(host.process.pid);
    for (let i = 0; i < N; i++) contexts.push(await browser.newContext({ locale: 'ko-KR', viewport: { width: 1024, height: 700 } }));
    const pages = await Promise.all(contexts.map((c) => c.newPage()));
    const errors = [];
    pages.forEach((page, i) => page.on('pageerror', (e) => errors.push(`page ${i}: ${e.message}`)));
    const deadline = performance.now() + TIMEOUT_S * 1000;

    // Everyone opens the join URL at the same instant.
    const start = performance.now();
    // Page start-up is part of what is measured: a starved machine takes long, which is not an error.
    for (const page of pages) page.setDefaultTimeout(TIMEOUT_S * 1000);
    await Promise.all(pages.map((page) => page.goto(withAutomation(host.joinUrl), { waitUntil: 'commit' })));
    await Promise.all(pages.map((page) => page.waitForFunction(() => window.madang !== undefined).then(() => page.evaluate(() => window.madang.ready))));
    const appsUp = performance.now();
    const allSynced = await untilAll(pages, () => window.madang.synced() && window.madang.view() !== null, null, deadline);
    if (allSynced === null) throw new Error(`not every page synced within ${TIMEOUT_S} s`);

    // A Node client on the relay watches the hub's copy, so the report shows whether time after the
    // last edit is spent reaching the hub or reaching the pages. Each page notes when it holds every
    // note itself (wall clock, one machine), so polling from here does not add to what is measured.
    const total = N * NOTES;
    const observer = await openObserver(host);
    let hubHadAll = null;
    const watchHub = setInterval(() => { if (hubHadAll === null && observer.notes() === total) hubHadAll = Date.now(); }, 10);
    await Promise.all(pages.map((page) => page.evaluate((total) => {
      const timer = setInterval(() => {
        if (window.madang.notes().length === total) {
          window.crowdConvergedAt = Date.now();
          clearInterval(timer);
        }
      }, 100);
    }, total)));

    // Each adds its notes one at a time and moves its pointer over the canvas (presence).
    let lastEdit = 0;
    await Promise.all(pages.map(async (page, p) => {
      const ids = [];
      for (let k = 0; k < NOTES; k++) {
        const [id] = await page.evaluate(([p, k]) => window.madang.addNotes([{ text: `참가자 ${p} 메모 ${k}`, x: (p % 6) * 1000 + (k % 5) * 180, y: Math.floor(p / 6) * 800 + Math.floor(k / 5) * 140 }]), [p, k]);
        ids.push(id);
        await page.mouse.move(200 + ((k * 37) % 500), 200 + ((k * 53) % 300));
      }
      lastEdit = Math.max(lastEdit, performance.now());
    }));
    const editsMs = lastEdit - allSynced;
    lastEdit = Date.now() - (performance.now() - lastEdit);
    // Convergence gets its own window after the last edit, whatever start-up took.
    const converged = await untilAll(pages, () => typeof window.crowdConvergedAt === 'number', null, performance.now() + TIMEOUT_S * 1000);
    clearInterval(watchHub);
    observer.destroy();
    const pageTimes = converged === null ? [] : (await Promise.all(pages.map((page) => page.evaluate(() => window.crowdConvergedAt)))).map((at) => at - lastEdit);
    const after = processUsage(host.process.pid);
    const transports = await Promise.all(pages.map((page) => page.evaluate(() => window.madang.transport()).catch(() => 'unknown')));
    const mix = Object.fromEntries([...new Set(transports)].map((t) => [t, transports.filter((x) => x === t).length]));
    const figures = {
      appsUpMs: appsUp - start,
      allSyncedMs: allSynced - start,
      editsMs,
      convergeAfterLastEditMs: converged === null ? null : Math.max(...pageTimes),
      pageConvergeP50Ms: percentile(pageTimes, 50),
      hubHadAllAfterLastEditMs: hubHadAll === null ? null : hubHadAll - lastEdit,
      webrtc: mix.webrtc ?? 0,
      relay: mix.relay ?? 0,
      hostCpuMs: before && after ? after.cpuMs - before.cpuMs : null,
      hostRssMB: after?.rssMB ?? null,
      pageErrors: errors.length,
    };
    log(`run ${run}: ${JSON.stringify(figures)}${errors.length ? ` first error: ${errors[0]}` : ''}`);
    return figures;
  } finally {
    await Promise.all(contexts.map((c) => c.close().catch(() => {})));
    await host.dispose();
  }
}

/** A Node client of the app's own sync code on the host's relay: what the hub holds. */
async function openObserver(host) {
  const { openCrowdPeer } = await importTs('scripts/bench/lib/crowdPeer.ts');
  globalThis.WebSocket ??= WebSocket;
  const ticket = await fetch(new URL('/api/join', host.url), {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: host.joinCode }),
  }).then((r) => r.json());
  return openCrowdPeer({ roomId: ticket.roomId, joinCode: host.joinCode, hostOrigin: host.url, memberToken: ticket.memberToken, WebSocket });
}

/** The same storm by N Node clients of the app's own sync code, relay only, from this process. */
async function nodeRun() {
  const { openCrowdPeer } = await importTs('scripts/bench/lib/crowdPeer.ts');
  globalThis.WebSocket ??= WebSocket;
  const host = await startHostProcess();
  const peers = [];
  try {
    const start = performance.now();
    const tickets = await Promise.all(Array.from({ length: N }, () => fetch(new URL('/api/join', host.url), {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: host.joinCode }),
    }).then((r) => r.json())));
    peers.push(...(await Promise.all(tickets.map((t) => openCrowdPeer({ roomId: t.roomId, joinCode: host.joinCode, hostOrigin: host.url, memberToken: t.memberToken, WebSocket })))));
    const deadline = performance.now() + TIMEOUT_S * 1000;
    while (!peers.every((p) => p.synced()) && performance.now() < deadline) await sleep(20);
    const allSynced = performance.now();
    let lastEdit = 0;
    await Promise.all(peers.map(async (peer, p) => {
      for (let k = 0; k < NOTES; k++) {
        peer.addNote(`참가자 ${p} 메모 ${k}`, k * 180, p * 140);
        await sleep(5);
      }
      lastEdit = Math.max(lastEdit, performance.now());
    }));
    const total = N * NOTES;
    while (!peers.every((p) => p.notes() === total) && performance.now() < deadline) await sleep(10);
    const converged = peers.every((p) => p.notes() === total) ? performance.now() : null;
    return { allSyncedMs: allSynced - start, convergeAfterLastEditMs: converged === null ? null : converged - lastEdit };
  } finally {
    for (const peer of peers) peer.destroy();
    await host.dispose();
  }
}

/**
 * A late joiner in a browser: a room whose board already holds `notes` notes (added by a Node
 * client in one transaction), then one Chromium page opens the join URL. Measured in the page,
 * from its board view appearing to every note being there, and to every note drawn.
 */
async function lateJoinRun(browser, notes) {
  const host = await startHostProcess();
  const seeder = await openObserver(host);
  const context = await browser.newContext({ locale: 'ko-KR', viewport: { width: 1024, height: 700 } });
  try {
    // In transactions of 2,000: a participant's one update may not exceed the hub's 2 MiB.
    for (let from = 0; from < notes; from += 2_000) {
      seeder.addNotes(Array.from({ length: Math.min(2_000, notes - from) }, (_, k) => from + k).map((i) => ({ text: `의견 ${i + 1}: 골목길이 어두워요`, x: (i % 100) * 200, y: Math.floor(i / 100) * 150 })));
    }
    const deadline = performance.now() + TIMEOUT_S * 1000;
    while (!(seeder.synced() && seeder.notes() === notes) && performance.now() < deadline) await sleep(20);
    // The hub holds them all once an observer that joins now receives them.
    const check = await openObserver(host);
    while (check.notes() < notes && performance.now() < deadline) await sleep(20);
    check.destroy();
    if (check.notes() < notes) throw new Error(`the hub has ${check.notes()} of ${notes} notes`);
    const page = await context.newPage();
    page.setDefaultTimeout(TIMEOUT_S * 1000);
    await page.goto(withAutomation(host.joinUrl));
    await page.waitForFunction(() => window.madang !== undefined);
    return await page.evaluate(async ({ expected, timeoutMs }) => {
      const end = performance.now() + timeoutMs;
      const until = async (done, wait) => {
        while (!done()) {
          if (performance.now() > end) throw new Error(`late joiner: ${window.madang.view()?.stats().items ?? 0} of ${expected} notes, ${window.madang.transport()}`);
          await wait();
        }
      };
      const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
      await window.madang.ready;
      await until(() => window.madang.view() !== null, frame);
      const opened = performance.now();
      const view = window.madang.view();
      // The view's own count: reading every note through the API 200 times a second would cost
      // a 20,000-note page more than the arrival it times.
      await until(() => view.stats().items >= expected, () => new Promise((resolve) => setTimeout(resolve, 5)));
      const arrived = performance.now();
      // Drawn: no draw pending any more (two frames without one); the last one may have run in
      // the same task as the arrival.
      let draws = -1;
      let quiet = 0;
      await until(() => quiet >= 2, async () => {
        await frame();
        const now = view.stats().draws;
        quiet = now === draws ? quiet + 1 : 0;
        draws = now;
      });
      return { arrivedMs: arrived - opened, drawnMs: Math.max(arrived, view.stats().lastDrawAt ?? 0) - opened, transport: window.madang.transport() };
    }, { expected: notes, timeoutMs: TIMEOUT_S * 1000 });
  } finally {
    await context.close();
    seeder.destroy();
    await host.dispose();
  }
}

const browser = await chromium.launch(launch);
const runs = [];
const lateJoins = [];
try {
  for (const notes of LATE_JOIN_NOTES) {
    for (let run = 1; run <= RUNS; run++) {
      const figures = await lateJoinRun(browser, notes).catch((error) => ({ failed: error.message.split('\n')[0] }));
      log(`late join ${notes} notes, run ${run}: ${JSON.stringify(figures)}`);
      lateJoins.push({ notes, ...figures });
    }
  }
  for (let run = 1; run <= RUNS; run++) {
    // A run that does not finish is reported as such (no figure), not as a crash of the bench.
    runs.push(await browserRun(browser, run).catch((error) => {
      log(`run ${run} failed: ${error.message.split('\n')[0]}`);
      return { failed: 1 };
    }));
  }
} finally {
  await browser.close();
}
const node = await nodeRun().catch((error) => {
  log(`node peers: ${error.message}`);
  return null;
});
if (node) log(`node peers: ${JSON.stringify(node)}`);
// The same Node storm on a room that syncs through an external Hocuspocus server (scale-out).
const hocuspocus = await hocuspocusNodeRun({ n: N, notes: NOTES, timeoutS: TIMEOUT_S }).catch((error) => {
  log(`node peers on Hocuspocus: ${error.message}`);
  return null;
});
if (hocuspocus) log(`node peers on Hocuspocus: ${JSON.stringify(hocuspocus)}`);

const values = (key) => runs.map((r) => r[key]).filter((v) => typeof v === 'number');
const worst = (key) => (values(key).length === runs.length ? Math.max(...values(key)) : null);
emit(B, `browsers.n=${N}.allSynced.median`, percentile(values('allSyncedMs'), 50), 'ms', runs.length);
emit(B, `browsers.n=${N}.convergeAfterLastEdit.median`, percentile(values('convergeAfterLastEditMs'), 50), 'ms', runs.length, node?.convergeAfterLastEditMs ?? undefined);
emit(B, `browsers.n=${N}.convergeAfterLastEdit.worst`, worst('convergeAfterLastEditMs'), 'ms', runs.length);
emit(B, `browsers.n=${N}.runsWithinGoal`, runs.filter((r) => typeof r.convergeAfterLastEditMs === 'number' && r.convergeAfterLastEditMs <= GOAL_MS).length, 'count', runs.length);
emit(B, `browsers.n=${N}.transport.webrtc`, percentile(values('webrtc'), 50), 'count', runs.length);
emit(B, `browsers.n=${N}.transport.relay`, percentile(values('relay'), 50), 'count', runs.length);
emit(B, `browsers.n=${N}.hostCpu.median`, percentile(values('hostCpuMs'), 50), 'ms', runs.length);
emit(B, `browsers.n=${N}.hostRss.max`, values('hostRssMB').length ? Math.max(...values('hostRssMB')) : null, 'MB', runs.length);
emit(B, `browsers.n=${N}.runsFailed`, runs.filter((r) => r.failed).length, 'count', runs.length);
emit(B, `browsers.n=${N}.pageErrors`, values('pageErrors').reduce((a, b) => a + b, 0), 'count', runs.length);
for (const notes of LATE_JOIN_NOTES) {
  const of = lateJoins.filter((r) => r.notes === notes && typeof r.arrivedMs === 'number');
  emit(B, `browserLateJoin.notes=${notes}.arrived.median`, percentile(of.map((r) => r.arrivedMs), 50), 'ms', of.length);
  emit(B, `browserLateJoin.notes=${notes}.drawn.median`, percentile(of.map((r) => r.drawnMs), 50), 'ms', of.length);
  emit(B, `browserLateJoin.notes=${notes}.arrived.worst`, of.length ? Math.max(...of.map((r) => r.arrivedMs)) : null, 'ms', of.length);
}
if (node) {
  emit(B, `nodeRelay.n=${N}.allSynced`, node.allSyncedMs, 'ms', 1);
  emit(B, `nodeRelay.n=${N}.convergeAfterLastEdit`, node.convergeAfterLastEditMs, 'ms', 1);
}
if (hocuspocus) {
  emit(B, `nodeHocuspocus.n=${N}.allSynced`, hocuspocus.allSyncedMs, 'ms', 1);
  emit(B, `nodeHocuspocus.n=${N}.convergeAfterLastEdit`, hocuspocus.convergeAfterLastEditMs, 'ms', 1);
  emit(B, `nodeHocuspocus.n=${N}.serverCpu`, hocuspocus.serverCpuMs, 'ms', 1);
}
// The Node clients' libraries (y-websocket, Hocuspocus's provider) leave timers behind after
// destroy(); every figure is out, so the bench ends here rather than hanging its runner.
process.exit(0);
