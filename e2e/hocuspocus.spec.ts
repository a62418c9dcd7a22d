// A room on an external sync server (docs/sync.md, "Scale-out"): a real Hocuspocus server
// (`npm run sync-server`) on loopback with a fresh host data folder, the host started on the same
// folder with --sync-server, the facilitator and two participants in their own browser contexts.
// Everything syncs through that server, and its rules hold as the hub's do.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { startHostProcess, startSyncServerProcess, type HostProcess, type SyncServerProcess } from '../scripts/lib/host-process.mjs';
import { test as base, expect, openApp } from './support/fixtures';

const test = base.extend<{ rooms: { host: HostProcess; syncServer: SyncServerProcess } }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures declare dependencies by destructuring
  rooms: async ({}, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'madang-hocuspocus-'));
    // The server first: it makes the folder's member secret, which the host then reads.
    const syncServer = await startSyncServerProcess({ dataDir });
    const host = await startHostProcess({ dataDir, args: ['--sync-server', syncServer.url, '--no-default-room'] });
    await use({ host, syncServer });
    await host.stop();
    await syncServer.stop();
    rmSync(dataDir, { recursive: true, force: true });
  },
});

type Note = { id: string; text: string; x: number; y: number };

async function open(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'ko-KR', viewport: { width: 1400, height: 900 } });
  return openApp(await context.newPage(), url);
}

const notes = (page: Page) => page.evaluate(() => window.madang!.notes().map(({ id, text, x, y }) => ({ id, text, x, y })) as Note[]);
const texts = async (page: Page) => (await notes(page)).map((n) => n.text).sort();

async function centreOf(page: Page, id: string): Promise<{ x: number; y: number }> {
  const r = await page.evaluate((id) => window.madang!.view()!.clientRectOf(id), id);
  if (!r) throw new Error(`no record ${id} on the canvas`);
  return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
}

test('the facilitator and two participants co-edit through the sync server, which undoes what breaks the room\'s rules', async ({ browser, rooms }) => {
  const facilitator = await open(browser, rooms.host.url);
  await facilitator.getByLabel('세션 이름').fill('여러 곳의 워크숍');
  await facilitator.getByRole('button', { name: '만들기' }).click();
  await facilitator.getByRole('button', { name: '방 열기' }).click();
  await expect(facilitator.getByTestId('join-url')).toBeVisible();
  const room = await facilitator.evaluate(() => window.madang!.room());
  expect(room).not.toBeNull();
  const minji = await open(browser, room!.joinUrl);
  const jun = await open(browser, room!.joinUrl);
  const everyone = [facilitator, minji, jun];
  for (const page of everyone) await page.waitForFunction(() => window.madang!.view() !== null, undefined, { timeout: 15_000 });

  // Every screen syncs through the server, and says so.
  for (const page of everyone) {
    await expect.poll(() => page.evaluate(() => window.madang!.transport())).toBe('server');
    await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'server');
    await expect(page.getByTestId('connection-status')).toHaveAttribute('data-synced', 'true');
    await expect(page.getByTestId('connection-status')).toContainText('외부 동기화 서버 경유');
  }

  // A note from each reaches all three.
  const [agenda] = await facilitator.evaluate(() => window.madang!.addNotes([{ text: '오늘의 질문', x: 0, y: 0 }]));
  const [idea] = await minji.evaluate(() => window.madang!.addNotes([{ text: '놀이터에 그늘을', x: 300, y: 0 }]));
  await jun.evaluate(() => window.madang!.addNotes([{ text: '가로등이 어둡다', x: 600, y: 0 }]));
  const all = ['가로등이 어둡다', '놀이터에 그늘을', '오늘의 질문'];
  for (const page of everyone) await expect.poll(() => texts(page)).toEqual(all);

  // Minji drags her note on her canvas; the others see it land there.
  await minji.evaluate(() => {
    const view = window.madang!.view()!;
    view.fit();
    view.zoomTo(1, 500, 400);
  });
  const from = await centreOf(minji, idea!);
  await minji.mouse.move(from.x, from.y);
  await minji.mouse.down();
  await minji.mouse.move(from.x + 40, from.y + 160, { steps: 6 });
  await minji.mouse.up();
  const movedY = async (page: Page) => (await notes(page)).find((n) => n.id === idea)?.y ?? 0;
  await expect.poll(() => movedY(minji)).toBeGreaterThan(100);
  const landed = await movedY(minji);
  for (const page of [facilitator, jun]) await expect.poll(() => movedY(page)).toBe(landed);

  // Jun's modified app deletes the facilitator's note: the server puts it back on every screen.
  await jun.evaluate((id) => window.madang!.deleteRecordsUnchecked([id]), agenda!);
  for (const page of everyone) await expect.poll(() => texts(page)).toEqual(all);
  // And it stays: nothing else arrives that removes it again.
  for (const page of everyone) await expect(page.getByTestId('connection-status')).toHaveAttribute('data-synced', 'true');
  expect(await texts(jun)).toEqual(all);

  // Nobody synced through the host's hub.
  const stats = (await (await fetch(`${rooms.host.url}/api/stats`)).json()) as { hub: { links: number } };
  expect(stats.hub.links).toBe(0);

  for (const page of everyone) await page.context().close();
});
