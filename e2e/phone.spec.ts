// A participant on a phone (360×740 and 390×844, touch): joins from the QR code's URL, gets one
// header row, a one-row toolbar with the rest in a menu, a canvas of at least 60% of the screen and
// 44 px touch targets; adds a note, types Korean, moves it with a finger and pinches to zoom, all
// through Chrome's touch protocol (Input.dispatchTouchEvent), and the page never scrolls sideways.
import type { Browser, CDPSession, Page } from '@playwright/test';
import { test, expect, openApp } from './support/fixtures';

async function phone(browser: Browser, url: string, viewport: { width: number; height: number }, locale = 'ko-KR'): Promise<Page> {
  const context = await browser.newContext({ viewport, hasTouch: true, isMobile: true, locale });
  const page = await openApp(await context.newPage(), url);
  await page.waitForFunction(() => window.madang!.view() !== null && window.madang!.synced());
  return page;
}

type Point = { x: number; y: number };

/** One finger from `from` to `to` in steps, as a phone reports it. */
async function drag(cdp: CDPSession, from: Point, to: Point, steps = 8): Promise<void> {
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ ...from, id: 1 }] });
  for (let i = 1; i <= steps; i++) {
    const p = { x: from.x + ((to.x - from.x) * i) / steps, y: from.y + ((to.y - from.y) * i) / steps };
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ ...p, id: 1 }] });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}

/** Two fingers moving apart around `centre`, from `from` to `to` px apart. */
async function pinch(cdp: CDPSession, centre: Point, from: number, to: number, steps = 8): Promise<void> {
  const points = (d: number) => [
    { x: centre.x - d / 2, y: centre.y, id: 1 },
    { x: centre.x + d / 2, y: centre.y, id: 2 },
  ];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: points(from) });
  for (let i = 1; i <= steps; i++) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: points(from + ((to - from) * i) / steps) });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}

async function tap(cdp: CDPSession, p: Point): Promise<void> {
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ ...p, id: 1 }] });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}

const noSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth && document.documentElement.scrollHeight <= window.innerHeight);

for (const viewport of [
  { width: 360, height: 740 },
  { width: 390, height: 844 },
]) {
  for (const locale of ['ko-KR', 'en-US']) {
    test(`${viewport.width}×${viewport.height} ${locale}: one header row, one toolbar row, a canvas of 60% and 44 px targets`, async ({ browser, host }) => {
      const page = await phone(browser, host.joinUrl, viewport, locale);
      const header = (await page.locator('header.top-bar').boundingBox())!;
      expect(header.height, 'one header row').toBeLessThanOrEqual(60);
      const toolbar = (await page.getByRole('toolbar').boundingBox())!;
      expect(toolbar.height, 'one toolbar row').toBeLessThanOrEqual(56);
      expect(toolbar.x + toolbar.width).toBeLessThanOrEqual(viewport.width);
      const canvas = (await page.getByTestId('board-canvas').boundingBox())!;
      expect((canvas.width * canvas.height) / (viewport.width * viewport.height), 'canvas share of the screen').toBeGreaterThanOrEqual(0.6);
      // The title is one line, not a column of single characters.
      const title = (await page.locator('.board-title').boundingBox())!;
      expect(title.height).toBeLessThan(40);

      const targets = page.locator('header button, header select, [role="toolbar"] button, .board-zoom button');
      for (let i = 0; i < (await targets.count()); i++) {
        const box = (await targets.nth(i).boundingBox())!;
        const name = (await targets.nth(i).getAttribute('aria-label')) ?? (await targets.nth(i).textContent());
        expect(box.width, `${name} width`).toBeGreaterThanOrEqual(44);
        expect(box.height, `${name} height`).toBeGreaterThanOrEqual(44);
      }

      // The rest of the tools are one tap away, in a menu of 44 px items.
      await page.getByRole('button', { name: locale === 'ko-KR' ? '도구 더 보기' : 'More tools' }).click();
      const items = page.getByRole('menu').locator('[role^="menuitem"]');
      expect(await items.count()).toBeGreaterThanOrEqual(8);
      for (let i = 0; i < (await items.count()); i++) expect((await items.nth(i).boundingBox())!.height).toBeGreaterThanOrEqual(44);
      await page.keyboard.press('Escape');

      // The room panel opens over the board and closes again; the page never scrolls.
      await page.locator('.panel-toggle').click();
      await expect(page.getByTestId('presence-list')).toBeVisible();
      expect(await noSideways(page)).toBe(true);
      await page.getByRole('button', { name: locale === 'ko-KR' ? '보드로 돌아가기' : 'Back to the board' }).click();
      await expect(page.getByTestId('presence-list')).toBeHidden();
      expect(await noSideways(page)).toBe(true);
      await page.context().close();
    });
  }
}

test('360×740 with touch: add a note, type Korean, move it with a finger, pinch to zoom, no horizontal scroll', async ({ browser, host }) => {
  const page = await phone(browser, host.joinUrl, { width: 360, height: 740 });
  const cdp = await page.context().newCDPSession(page);
  const editor = page.locator('textarea.board-text-overlay');

  // Add: the labelled button makes a note and opens its editor.
  await page.getByRole('button', { name: '메모 추가' }).tap();
  await expect(editor).toHaveAttribute('data-mode', 'editing');
  await cdp.send('Input.imeSetComposition', { text: '골', selectionStart: 1, selectionEnd: 1 });
  await cdp.send('Input.insertText', { text: '골목이 어두워요' });
  // Tapping empty canvas finishes editing.
  const canvas = (await page.getByTestId('board-canvas').boundingBox())!;
  const empty = { x: canvas.x + 40, y: canvas.y + canvas.height - 120 };
  await tap(cdp, empty);
  await expect(editor).not.toHaveAttribute('data-mode', 'editing');
  await expect.poll(() => page.evaluate(() => window.madang!.notes().map((n) => n.text))).toEqual(['골목이 어두워요']);
  const [note] = await page.evaluate(() => window.madang!.notes());

  // Tap selects; the edit button then opens the same note again.
  const rect = (await page.evaluate((id) => window.madang!.view()!.clientRectOf(id), note!.id))!;
  const centre = { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 };
  await tap(cdp, centre);
  await expect(page.getByRole('button', { name: '글 편집' })).toBeEnabled();

  // One finger on the note moves it.
  await drag(cdp, centre, { x: centre.x - 60, y: centre.y + 90 });
  await expect.poll(() => page.evaluate(() => window.madang!.notes()[0]!.y)).toBeGreaterThan(note!.y + 50);
  const moved = (await page.evaluate(() => window.madang!.notes()))[0]!;
  expect(moved.x).toBeLessThan(note!.x - 30);

  // One finger on empty space pans the board (the note moves on screen, not on the board).
  const before = (await page.evaluate((id) => window.madang!.view()!.clientRectOf(id), note!.id))!;
  await drag(cdp, empty, { x: empty.x + 80, y: empty.y - 40 });
  const after = (await page.evaluate((id) => window.madang!.view()!.clientRectOf(id), note!.id))!;
  expect(after.x - before.x).toBeCloseTo(80, -1);
  expect((await page.evaluate(() => window.madang!.notes()))[0]!.x).toBe(moved.x);

  // Two fingers apart zoom in.
  await expect(page.getByTestId('zoom-level')).toHaveText('100%');
  await pinch(cdp, { x: canvas.x + canvas.width / 2, y: canvas.y + canvas.height / 2 }, 80, 200);
  await expect.poll(async () => Number((await page.getByTestId('zoom-level').textContent())!.replace('%', ''))).toBeGreaterThan(150);

  expect(await noSideways(page)).toBe(true);
  expect(await page.evaluate(() => window.scrollX)).toBe(0);
  await page.context().close();
});
