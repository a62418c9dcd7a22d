// Bench: open a stored board of 5,000 notes with 50,000 historical edits (issue 3, "Measures").
// Prints ONE JSON object on stdout. Assumes `out/` is built (npm run build).
//
// 1. Starts the real host CLI and headless Chromium, creates a session through the UI.
// 2. On the home screen (board closed), builds the board's stored history through the real
//    persistence code (renderer/board/persistence, bundled with esbuild and evaluated in the page,
//    same origin and database as the app): makeBoardOfNotes(5,000), then 50,000 edits (moves and
//    text edits, one LOCAL transaction each), flushed every EDITS_PER_ROW edits, with compaction
//    off so the history stays as many rows (as after a busy session without compaction); then
//    writes the board's picture as the app does once a board is quiet (pictureWriteMs).
// 3. Reopens the board page and takes two times, both ms after navigation start:
//    - the board's picture (renderer/board/picture): every record drawn from the plain copy kept
//      with the stored rows, while the Y.Doc loads (performance mark 'madang:board-picture', with
//      how many records it holds and drew);
//    - the live board, editable: the board view's own first full draw
//      (window.madang.view().stats().firstDrawAt).
//    The app compacts the rows after opening and then stores the picture; the script waits for
//    both and then reopens the compacted board RUNS times. The goal (400 ms) is the picture's.
//
// Options (env): BOARD_OPEN_NOTES (5000), BOARD_OPEN_EDITS (50000), BOARD_OPEN_EDITS_PER_ROW (100), BOARD_OPEN_RUNS (5).
/* global window, requestAnimationFrame -- code inside page.evaluate runs in the browser */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium } from '@playwright/test';
import { startHostProcess } from '../lib/host-process.mjs';

const root = new URL('../..', import.meta.url).pathname;
const NOTES = Number(process.env.BOARD_OPEN_NOTES ?? 5000);
const EDITS = Number(process.env.BOARD_OPEN_EDITS ?? 50_000);
const EDITS_PER_ROW = Number(process.env.BOARD_OPEN_EDITS_PER_ROW ?? 100);
const RUNS = Number(process.env.BOARD_OPEN_RUNS ?? 5);
const GOAL_MS = 400;
const SEED = 7;

/** The page-side half: real persistence and board model, bundled for the browser. */
const pageEntry = `
import * as Y from 'yjs';
import { MadangDatabase } from './renderer/db/database';
import { openBoardPersistence, storedBoardStats } from './renderer/board/persistence/boardPersistence';
import { BoardPictureWriter, readBoardPicture, takePicture } from './renderer/board/picture/boardPicture';
import { makeBoardOfNotes, moveRecords, editText } from './shared/board';
import { prng } from './shared/board/bench';

const noCompaction = { compactAboveRows: Infinity, compactOnLoadAboveRows: Infinity, lifecycle: { window: null, document: null } };

globalThis.__boardOpenBench = {
  async build({ boardId, notes, edits, editsPerRow, seed }) {
    const db = new MadangDatabase();
    const doc = new Y.Doc();
    const started = performance.now();
    const persistence = await openBoardPersistence(db, boardId, doc, noCompaction);
    const board = makeBoardOfNotes(doc, notes, seed); // the session's board: Board.create opens it
    await persistence.flush();
    const ids = board.notes().map((n) => n.id);
    const random = prng(seed);
    for (let i = 0; i < edits; i++) {
      const id = ids[Math.floor(random() * ids.length)];
      if (random() < 0.6) {
        const note = board.get(id);
        moveRecords(board, [{ id, x: note.geometry.x + Math.round(random() * 40 - 20), y: note.geometry.y + Math.round(random() * 40 - 20) }]);
      } else {
        const text = board.get(id).text;
        editText(board, id, random() < 0.5 && text.length > 10 ? text.slice(0, -1) : text + '가나다라마바사'[Math.floor(random() * 7)]);
      }
      if ((i + 1) % editsPerRow === 0) await persistence.flush();
    }
    await persistence.flush();
    const buildMs = performance.now() - started;
    // Writing the board's picture as the app does when the board is quiet (wall time: an upper
    // bound of what it holds the main thread), so the first open has a picture too.
    const writer = new BoardPictureWriter(db, persistence, () => takePicture(board), { quietMs: 3_600_000 });
    const pictureStarted = performance.now();
    await writer.writeNow();
    const pictureWriteMs = performance.now() - pictureStarted;
    await writer.close();
    await persistence.close();
    const stats = await storedBoardStats(db, boardId);
    db.close();
    // Yjs alone, no storage: how long applying the state takes with and without the edit history.
    const timeApply = (update) => {
      const t = performance.now();
      Y.applyUpdate(new Y.Doc(), update);
      return performance.now() - t;
    };
    const state = Y.encodeStateAsUpdate(doc);
    const fresh = new Y.Doc();
    makeBoardOfNotes(fresh, notes, seed);
    const freshState = Y.encodeStateAsUpdate(fresh);
    return {
      ...stats, buildMs, pictureWriteMs, stateBytes: state.byteLength, notes: ids.length,
      yjsApplyMs: { withHistory: timeApply(state), withoutHistory: timeApply(freshState), withoutHistoryBytes: freshState.byteLength },
    };
  },
  /** Loads the stored board the way the app does, into a scratch doc, changing nothing. */
  async load(boardId) {
    const db = new MadangDatabase();
    const persistence = await openBoardPersistence(db, boardId, new Y.Doc(), noCompaction);
    const report = persistence.loadReport;
    await persistence.close();
    db.close();
    return report;
  },
  async stats(boardId) {
    const db = new MadangDatabase();
    const stats = await storedBoardStats(db, boardId);
    const picture = await readBoardPicture(db, boardId);
    db.close();
    return { ...stats, pictureRecords: picture ? picture.records.length : 0 };
  },
};
`;

async function bundlePageCode() {
  const result = await build({
    stdin: { contents: pageEntry, resolveDir: root, loader: 'ts', sourcefile: 'board-open-page.ts' },
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    logLevel: 'error',
  });
  return result.outputFiles[0].text;
}

function withAutomation(url, hash = '') {
  const u = new URL(url);
  u.searchParams.set('automation', '1');
  u.hash = hash;
  return u.toString();
}

async function appReady(page) {
  await page.waitForFunction(() => window.madang !== undefined);
  await page.evaluate(() => window.madang.ready);
}

/** Opens the board page from a blank page and returns the view's first full draw (ms after navigation start). */
async function openBoard(page, boardUrl, notes) {
  await page.goto('about:blank');
  await page.goto(boardUrl);
  await appReady(page);
  return page.evaluate(async (expected) => {
    for (;;) {
      const stats = window.madang.view()?.stats();
      if (stats?.firstDrawAt != null && window.madang.notes().length === expected) {
        const nav = performance.getEntriesByType('navigation')[0];
        const picture = performance.getEntriesByName('madang:board-picture')[0];
        return {
          firstPictureMs: picture ? picture.startTime : null,
          picturedItems: picture ? picture.detail.items : 0,
          picturedDrawn: picture ? picture.detail.drawn : 0,
          firstFullRenderMs: stats.firstDrawAt,
          viewCreatedMs: stats.createdAt,
          domContentLoadedMs: nav?.domContentLoadedEventEnd ?? null,
          lastDrawMs: stats.lastDrawMs,
          heapMB: performance.memory ? performance.memory.usedJSHeapSize / 1048576 : null,
        };
      }
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
  }, notes);
}

const median = (values) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const round = (v) => (v == null ? v : Math.round(v * 10) / 10);

async function main() {
  if (!existsSync(join(root, 'out/host/cli.mjs')) || !existsSync(join(root, 'out/renderer/index.html'))) {
    throw new Error('out/ is not built: run npm run build first');
  }
  const pageCode = await bundlePageCode();
  const host = await startHostProcess();
  const browser = await chromium.launch({
    executablePath: process.env.MADANG_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--enable-precise-memory-info'],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, locale: 'ko-KR' });
    const page = await context.newPage();
    const pageErrors = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));

    // A session made through the UI, as a facilitator would.
    await page.goto(withAutomation(host.url));
    await appReady(page);
    await page.getByLabel('세션 이름').fill('열기 벤치마크');
    await page.getByRole('button', { name: '만들기' }).click();
    await page.waitForFunction(() => window.madang.boardId() !== '');
    const sessionId = await page.evaluate(() => window.madang.sessionId());
    const boardId = await page.evaluate(() => window.madang.boardId());
    const boardUrl = withAutomation(host.url, `#/session/${sessionId}`);

    // Board closed (home screen), then the history is written through the real persistence path.
    await page.goto('about:blank');
    await page.goto(withAutomation(host.url));
    await appReady(page);
    await page.evaluate(pageCode);
    const built = await page.evaluate(
      (options) => window.__boardOpenBench.build(options),
      { boardId, notes: NOTES, edits: EDITS, editsPerRow: EDITS_PER_ROW, seed: SEED },
    );
    const loadWithHistory = await page.evaluate((id) => window.__boardOpenBench.load(id), boardId);

    // First open: every historical row is still there.
    const first = await openBoard(page, boardUrl, NOTES);

    // The app compacts after opening; wait (on the open board page) until one row is left.
    await page.evaluate(pageCode);
    const compactedAfterMs = await page.evaluate(async (id) => {
      const started = performance.now();
      const done = (stats) => stats.rows === 1 && stats.pictureRecords > 0;
      while (!done(await window.__boardOpenBench.stats(id)) && performance.now() - started < 60_000) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return performance.now() - started;
    }, boardId);
    const after = await page.evaluate((id) => window.__boardOpenBench.stats(id), boardId);
    const loadCompacted = await page.evaluate((id) => window.__boardOpenBench.load(id), boardId);

    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await openBoard(page, boardUrl, NOTES));

    const result = {
      bench: 'board-open',
      notes: built.notes,
      historicalEdits: EDITS,
      editsPerStoredRow: EDITS_PER_ROW,
      buildMs: Math.round(built.buildMs),
      pictureWriteMs: round(built.pictureWriteMs),
      rowsBeforeCompaction: built.rows,
      bytesBeforeCompaction: built.bytes,
      rowsAfterCompaction: after.rows,
      compactionDoneAfterFirstRenderMs: Math.round(compactedAfterMs),
      bytesAfterCompaction: after.bytes,
      stateBytes: built.stateBytes,
      yjsApplyMs: { withHistory: round(built.yjsApplyMs.withHistory), withoutHistory: round(built.yjsApplyMs.withoutHistory), withoutHistoryBytes: built.yjsApplyMs.withoutHistoryBytes },
      persistenceLoad: {
        withHistory: { ms: round(loadWithHistory.ms), readMs: round(loadWithHistory.readMs), applyMs: round(loadWithHistory.applyMs) },
        compacted: { ms: round(loadCompacted.ms), readMs: round(loadCompacted.readMs), applyMs: round(loadCompacted.applyMs) },
      },
      // The board's picture (renderer/board/picture): every record drawn from the plain copy
      // stored with the rows, while the Y.Doc loads. There is none on the very first open.
      firstFullPictureMs: {
        withHistory: round(first.firstPictureMs),
        compactedMedian: round(median(runs.map((r) => r.firstPictureMs ?? Infinity))),
        compactedWorst: round(Math.max(...runs.map((r) => r.firstPictureMs ?? Infinity))),
        compactedRuns: runs.map((r) => round(r.firstPictureMs)),
      },
      picturedItems: Math.min(...runs.map((r) => r.picturedItems)),
      picturedDrawn: Math.min(...runs.map((r) => r.picturedDrawn)),
      // The live board (Y.Doc loaded, editable), drawn in full.
      firstFullRenderMs: {
        withHistory: round(first.firstFullRenderMs),
        compactedMedian: round(median(runs.map((r) => r.firstFullRenderMs))),
        compactedWorst: round(Math.max(...runs.map((r) => r.firstFullRenderMs))),
        compactedRuns: runs.map((r) => round(r.firstFullRenderMs)),
      },
      domContentLoadedMsMedian: round(median(runs.map((r) => r.domContentLoadedMs ?? 0))),
      firstDrawCostMs: round(median(runs.map((r) => r.lastDrawMs))),
      heapMB: round(runs.at(-1)?.heapMB ?? null),
      goalMs: GOAL_MS,
      meetsGoal: median(runs.map((r) => r.firstPictureMs ?? Infinity)) <= GOAL_MS && runs.every((r) => r.picturedItems === r.picturedDrawn && r.picturedItems >= NOTES),
      pageErrors,
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
    await context.close();
  } finally {
    await browser.close();
    await host.dispose();
  }
}

main().catch((error) => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
