// Board rendering benchmark: 5,000 notes of Korean text, headless Chromium 1600×900.
// Measures, for the real canvas (imperative Konva, culling, LOD) and — in the same run, on the same
// board — the naive react-konva baseline (one Group+Rect+Text component per note, no culling):
//   - draw time per frame (view.drawNow(): a synchronous full redraw of every layer, including
//     Chrome's deferred rasterisation, forced by a 1-pixel read-back) while panning and zooming,
//     zoomed in (scale 1) and fully zoomed out (whole board in view): median and p95;
//   - rAF intervals while panning/zooming every frame (what the user feels): median, p95, fps;
//   - time from opening the board (page load, notes restored from storage) to the first full draw;
//   - JS heap after GC.
// Prints ONE JSON object on stdout. Reports, never asserts. Assumes `out/` is built.
// Usage: node scripts/bench/board-render.mjs [--notes 5000 or --notes=5000] [--frames 120] [--naive-frames 24] [--skip-naive]
/* global window, requestAnimationFrame -- page.evaluate() callbacks run in the browser */
import { chromium } from '@playwright/test';
import { importTs } from '../lib/import-ts.mjs';
import { startHostProcess } from '../lib/host-process.mjs';

const args = process.argv.slice(2);
// `--notes 500` or `--notes=500` (the form `npm run bench -- board-render --notes=500` passes on).
const arg = (name, fallback) => {
  const joined = args.find((a) => a.startsWith(`--${name}=`));
  if (joined) return Number(joined.slice(name.length + 3));
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? Number(args[i + 1]) : fallback;
};
const NOTES = arg('notes', 5000);
const FRAMES = arg('frames', 120);
const NAIVE_FRAMES = arg('naive-frames', 24);
const SKIP_NAIVE = args.includes('--skip-naive');
const VIEWPORT = { width: 1600, height: 900 };
const log = (...m) => process.stderr.write(`[bench] ${m.join(' ')}\n`);

// The same seeded board as shared/board/bench.ts (makeBoardOfNotes), so every run and both
// renderers see the same 5,000 notes.
const { benchNoteInputs } = await importTs('shared/board/bench.ts');

function summary(values) {
  const v = [...values].filter(Number.isFinite).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const q = (p) => v[Math.min(v.length - 1, Math.max(0, Math.ceil(p * v.length) - 1))];
  const round = (x) => Math.round(x * 100) / 100;
  return { median: round(q(0.5)), p95: round(q(0.95)), min: round(v[0]), max: round(v[v.length - 1]), n: v.length };
}

async function heapMB(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return Math.round((usedSize / 1048576) * 10) / 10;
}

/** Per-frame synchronous draw cost while the camera moves (pan frames, then zoom frames). */
async function drawFrames(page, mode, frames) {
  return page.evaluate(
    ({ mode, frames }) => {
      const view = window.madang.view();
      const pan = [];
      const zoom = [];
      if (mode === 'in') {
        view.fit();
        view.zoomTo(1, 800, 450);
      } else view.fit();
      for (let i = 0; i < 5; i++) view.drawNow(); // warm layouts and the glyph cache at this zoom
      for (let i = 0; i < frames; i++) {
        const a = (i / frames) * Math.PI * 2;
        view.panBy(Math.round(Math.cos(a) * 14), Math.round(Math.sin(a) * 9));
        pan.push(view.drawNow());
      }
      const base = view.scale();
      for (let i = 0; i < frames; i++) {
        const f = 1 + 0.04 * Math.sin((i / frames) * Math.PI * 4);
        view.zoomTo(base * f, 800, 450);
        zoom.push(view.drawNow());
      }
      return { pan, zoom, scale: view.scale(), visible: view.visibleNodeCount(), lod: view.stats().lod };
    },
    { mode, frames },
  );
}

/** rAF intervals while panning and zooming on every frame (includes React work for the baseline). */
async function rafFrames(page, mode, frames) {
  return page.evaluate(
    ({ mode, frames }) =>
      new Promise((resolve) => {
        const view = window.madang.view();
        view.fit();
        if (mode === 'in') view.zoomTo(1, 800, 450);
        const base = view.scale();
        const stamps = [];
        let i = 0;
        const tick = (now) => {
          stamps.push(now);
          if (i >= frames) {
            const intervals = stamps.slice(2).map((t, k) => t - stamps[k + 1]);
            resolve(intervals);
            return;
          }
          const a = (i / frames) * Math.PI * 2;
          if (i % 2 === 0) view.panBy(Math.round(Math.cos(a) * 14), Math.round(Math.sin(a) * 9));
          else view.zoomTo(base * (1 + 0.04 * Math.sin((i / frames) * Math.PI * 4)), 800, 450);
          i++;
          requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
    { mode, frames },
  );
}

/**
 * Waits for a quiet main thread (30 frames in a row at ≤ 20 ms), at most 20 s: storage writes and
 * compaction after adding or loading 5,000 notes must not be billed to the renderer.
 */
async function settle(page) {
  return page.evaluate(
    () =>
      new Promise((resolve) => {
        const start = performance.now();
        let last = start;
        let calm = 0;
        const tick = (now) => {
          calm = now - last <= 20 ? calm + 1 : 0;
          last = now;
          if (calm >= 30 || now - start > 20_000) resolve(Math.round(now - start));
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
  );
}

async function createSession(page, url) {
  await page.goto(url);
  await page.waitForFunction(() => window.madang !== undefined);
  await page.evaluate(() => window.madang.ready);
  await page.getByLabel('세션 이름').fill('벤치마크 보드');
  await page.getByRole('button', { name: '만들기' }).click();
  await page.waitForFunction(() => window.madang.view() !== null, null, { timeout: 30_000 });
}

/** Reloads the page (the board comes back from storage) and times load → first full draw. */
async function reopen(page, n) {
  await page.reload();
  return page.evaluate(
    (n) =>
      new Promise((resolve, reject) => {
        const started = performance.now();
        const limit = setTimeout(() => reject(new Error('board did not come back after reload')), 60_000);
        const check = () => {
          const view = window.madang?.view?.();
          const notes = view ? window.madang.notes().length : 0;
          if (view && notes >= n && view.visibleNodeCount() >= n) {
            // The frame with every note has been drawn once this callback runs after it.
            requestAnimationFrame(() => {
              clearTimeout(limit);
              const stats = view.stats();
              resolve({ loadToDrawnMs: Math.round(performance.now()), firstDrawAt: stats.firstDrawAt, notes, sinceScriptMs: Math.round(performance.now() - started) });
            });
            return;
          }
          requestAnimationFrame(check);
        };
        check();
      }),
    n,
  );
}

async function measure(browser, hostUrl, variant) {
  const frames = variant === 'naive' ? NAIVE_FRAMES : FRAMES;
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'ko-KR' });
  const page = await context.newPage();
  const url = new URL(hostUrl);
  url.searchParams.set('automation', '1');
  if (variant === 'naive') url.searchParams.set('bench', 'naive');
  log(variant, 'creating session');
  await createSession(page, url.toString());
  log(variant, `adding ${NOTES} notes`);
  const add = await page.evaluate((notes) => {
    const t0 = performance.now();
    window.madang.addNotes(notes);
    window.madang.view().fit();
    const t1 = performance.now();
    return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve({ addMs: t1 - t0, addToDrawnMs: performance.now() - t0 }))));
  }, benchNoteInputs(NOTES, 7));
  const settleAfterAddMs = await settle(page);
  const result = { addNotesMs: Math.round(add.addMs), addToDrawnMs: Math.round(add.addToDrawnMs), settleAfterAddMs };
  for (const mode of ['out', 'in']) {
    log(variant, `zoomed ${mode}: draw frames`);
    const d = await drawFrames(page, mode, frames);
    log(variant, `zoomed ${mode}: rAF frames`);
    await settle(page);
    const r = await rafFrames(page, mode, frames);
    const rafSummary = summary(r);
    result[mode === 'out' ? 'zoomedOut' : 'zoomedIn'] = {
      scale: Math.round(d.scale * 1000) / 1000,
      lod: d.lod,
      drawnRecords: d.visible,
      drawMs: summary([...d.pan, ...d.zoom]),
      panDrawMs: summary(d.pan),
      zoomDrawMs: summary(d.zoom),
      rafIntervalMs: rafSummary,
      fps: rafSummary ? Math.round((1000 / rafSummary.median) * 10) / 10 : null,
    };
  }
  result.heapMB = await heapMB(page);
  log(variant, 'reopening (reload from storage)');
  try {
    result.open = await reopen(page, NOTES);
  } catch (error) {
    result.open = { error: String(error) };
  }
  await context.close();
  return result;
}

const host = await startHostProcess();
const browser = await chromium.launch({ executablePath: process.env.MADANG_CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
try {
  const konva = await measure(browser, host.url, 'konva');
  const naive = SKIP_NAIVE ? null : await measure(browser, host.url, 'naive');
  const ratio = (a, b) => (a && b ? Math.round((a / b) * 10) / 10 : null);
  const out = {
    bench: 'board-render',
    notes: NOTES,
    viewport: VIEWPORT,
    browser: `chromium ${browser.version()} (headless, --disable-gpu)`,
    konva,
    naive,
    naiveOverKonva: naive && {
      zoomedOutDrawMedian: ratio(naive.zoomedOut.drawMs?.median, konva.zoomedOut.drawMs?.median),
      zoomedInDrawMedian: ratio(naive.zoomedIn.drawMs?.median, konva.zoomedIn.drawMs?.median),
      zoomedOutRafMedian: ratio(naive.zoomedOut.rafIntervalMs?.median, konva.zoomedOut.rafIntervalMs?.median),
    },
    goals: {
      zoomedOutMedianAtMost16ms: (konva.zoomedOut.drawMs?.median ?? Infinity) <= 16,
      zoomedOutTenTimesNaive: naive ? (naive.zoomedOut.drawMs?.median ?? 0) >= 10 * (konva.zoomedOut.drawMs?.median ?? Infinity) : null,
      zoomedInMedianAtMost8ms: (konva.zoomedIn.drawMs?.median ?? Infinity) <= 8,
    },
  };
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
} finally {
  await browser.close();
  await host.dispose();
}
