// The facilitator's window with a room open, at the sizes of workshop laptops and projectors, in
// both languages: the app fills the window exactly (nothing below the fold, no page scroll), every
// toolbar, zoom and history control can be reached inside it, "fit" fits the board to the visible
// canvas, no two different actions share a visible label, and switching language changes text only
// (the room connection never drops).
import type { Browser, Page } from '@playwright/test';
import { test, expect, openApp } from './support/fixtures';

const SIZES = [
  { width: 1280, height: 720 },
  { width: 1600, height: 900 },
  { width: 1920, height: 1080 },
] as const;

const WORDS = {
  ko: { sessionName: '세션 이름', create: '만들기', openRoom: '방 열기', fit: '전체 보기' },
  en: { sessionName: 'Session name', create: 'Create', openRoom: 'Open room', fit: 'Fit to content' },
} as const;

async function facilitatorWithRoom(browser: Browser, url: string, language: 'ko' | 'en', viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ locale: language === 'ko' ? 'ko-KR' : 'en-US', viewport });
  const page = await openApp(await context.newPage(), url);
  const words = WORDS[language];
  await page.getByLabel(words.sessionName).fill(language === 'ko' ? '골목 안전 워크숍' : 'Alley safety workshop');
  await page.getByRole('button', { name: words.create }).click();
  await page.getByRole('button', { name: words.openRoom }).click();
  await expect(page.getByTestId('join-code')).toBeVisible();
  await page.waitForFunction(() => window.madang!.view() !== null);
  return page;
}

/** The document's size against the window's. */
const pageSize = (page: Page) =>
  page.evaluate(() => ({
    width: document.documentElement.scrollWidth,
    height: document.documentElement.scrollHeight,
    innerWidth: window.innerWidth,
    innerHeight: window.innerHeight,
    scrollY: window.scrollY,
  }));

for (const language of ['ko', 'en'] as const) {
  for (const size of SIZES) {
    test(`${size.width}×${size.height} ${language}: with a room open the app fills the window and every control is inside it`, async ({ browser, host }) => {
      const page = await facilitatorWithRoom(browser, host.url, language, size);
      // A board with something on it, spread wider than the window at 100%.
      await page.evaluate(() =>
        window.madang!.addNotes([
          { text: '밤에 골목이 너무 어두워요', x: -1500, y: -900 },
          { text: 'CCTV 설치 요청', x: 1800, y: 1200 },
          { text: '가로등 수리가 늦어요', x: 0, y: 0 },
        ]),
      );

      const measured = await pageSize(page);
      expect(measured.height, 'document height').toBeLessThanOrEqual(measured.innerHeight);
      expect(measured.width, 'document width').toBeLessThanOrEqual(measured.innerWidth);

      const inWindow = async (locator: ReturnType<Page['locator']>, what: string) => {
        const count = await locator.count();
        expect(count, what).toBeGreaterThan(0);
        for (let i = 0; i < count; i++) {
          const control = locator.nth(i);
          // Side panels scroll inside themselves: a control may need scrolling to, never the page.
          await control.scrollIntoViewIfNeeded();
          const box = (await control.boundingBox())!;
          const label = `${what} #${i} (${(await control.getAttribute('aria-label')) ?? (await control.textContent())})`;
          expect(box.x, label).toBeGreaterThanOrEqual(0);
          expect(box.y, label).toBeGreaterThanOrEqual(0);
          expect(box.x + box.width, label).toBeLessThanOrEqual(size.width);
          expect(box.y + box.height, label).toBeLessThanOrEqual(size.height);
          // Not under the status bar (the status bar is last in the column, never over anything).
          const hit = await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.closest('button, input, select, a, textarea') !== null, { x: box.x + box.width / 2, y: box.y + box.height / 2 });
          expect(hit, `${label} is not covered`).toBe(true);
        }
      };
      await inWindow(page.getByRole('toolbar').getByRole('button'), 'toolbar');
      await inWindow(page.locator('.board-zoom').getByRole('button'), 'zoom');
      await inWindow(page.locator('.history-panel').locator('button, input'), 'history');
      await inWindow(page.locator('.board-file-actions button'), 'file actions');
      expect((await pageSize(page)).scrollY, 'the page itself never scrolled').toBe(0);

      // "Fit" fits the board to the canvas as it is on screen: every note inside it.
      await page.getByRole('button', { name: WORDS[language].fit }).click();
      const canvas = (await page.getByTestId('board-canvas').boundingBox())!;
      const ids = await page.evaluate(() => window.madang!.notes().map((n) => n.id));
      for (const id of ids) {
        const r = (await page.evaluate((id) => window.madang!.view()!.clientRectOf(id), id))!;
        expect(r.x, id).toBeGreaterThanOrEqual(canvas.x);
        expect(r.y, id).toBeGreaterThanOrEqual(canvas.y);
        expect(r.x + r.width, id).toBeLessThanOrEqual(canvas.x + canvas.width);
        expect(r.y + r.height, id).toBeLessThanOrEqual(canvas.y + canvas.height);
      }
      await page.context().close();
    });
  }
}

/**
 * Every visible button, link and menu item on screen with what it shows (its text, or for an icon
 * its name) and its accessible name. The remove buttons of the people list are one action per
 * person (their accessible names say whom), so the list's rows are left to their own check.
 */
function visibleLabels(page: Page) {
  return page.evaluate(() => {
    const out: Array<{ shown: string; name: string; inPeopleList: boolean; personRow: boolean }> = [];
    for (const el of document.querySelectorAll<HTMLElement>('button, a[href], [role="menuitem"], [role="menuitemradio"], [role="menuitemcheckbox"]')) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || getComputedStyle(el).visibility === 'hidden') continue;
      const text = el.innerText.replace(/\s+/g, ' ').trim();
      const name = (el.getAttribute('aria-label') ?? text).trim();
      // The confirmation of a removal belongs to the removal.
      const inPeopleList = el.closest('[data-testid="presence-list"], [data-testid="remove-confirm"]') !== null;
      out.push({ shown: text || name, name, inPeopleList, personRow: el.closest('[data-testid="presence-list"]') !== null });
    }
    return out;
  });
}

/**
 * Two controls that do different things (different accessible names) never show the same label.
 * The same action in two places (add a note from the toolbar or from the outline) may repeat.
 * Removing a person is the one action that must not even share a word with another control: its
 * old label ("내보내기") was also the word for exporting the board ("보드 내보내기").
 */
function expectNoSharedLabels(labels: Array<{ shown: string; name: string; inPeopleList: boolean; personRow: boolean }>) {
  const byShown = new Map<string, Set<string>>();
  for (const { shown, name, inPeopleList } of labels) {
    if (inPeopleList) continue;
    const names = byShown.get(shown.toLowerCase()) ?? new Set<string>();
    byShown.set(shown.toLowerCase(), names.add(name.toLowerCase()));
    expect(names.size, `"${shown}" labels ${[...names].join(' / ')}`).toBe(1);
  }
  const words = (s: string) => ` ${s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} `;
  for (const person of labels.filter((l) => l.personRow)) {
    for (const other of labels.filter((l) => !l.inPeopleList)) {
      expect(words(other.shown).includes(words(person.shown)), `"${person.shown}" (${person.name}) inside "${other.shown}"`).toBe(false);
    }
  }
  const people = labels.filter((l) => l.inPeopleList).map((l) => l.name);
  expect(new Set(people).size, 'each removal button names its person').toBe(people.length);
}

for (const language of ['ko', 'en'] as const) {
  test(`${language}: no two different actions on the board screen share a visible label, removal names the person`, async ({ browser, host }) => {
    const page = await facilitatorWithRoom(browser, host.url, language, { width: 1600, height: 900 });
    const joinUrl = (await page.getByTestId('join-url').textContent())!;
    const guest = await openApp(await (await browser.newContext({ locale: 'ko-KR' })).newPage(), joinUrl);
    await expect(page.getByTestId('presence-list').getByRole('listitem')).toHaveCount(2);
    await guest.waitForFunction(() => window.madang!.peers().some((p) => p.self));
    const guestName = (await guest.evaluate(() => window.madang!.peers())).find((p) => p.self)!.name;
    // The outline open too, and a note selected: as many controls as the screen ever shows.
    await page.evaluate(() => window.madang!.addNotes([{ text: '가로등 수리가 늦어서 밤에 골목이 너무 어두워요', x: 0, y: 0 }]));
    await page.getByRole('button', { name: language === 'ko' ? '개요 보기' : 'Show outline' }).click();
    expectNoSharedLabels(await visibleLabels(page));


    // Removing someone and exporting the board say different things; the question names the person.
    const remove = page.getByTestId('presence-list').getByRole('button');
    await expect(remove).toHaveText(language === 'ko' ? '퇴장' : 'Remove');
    await expect(page.getByRole('button', { name: language === 'ko' ? '보드 내보내기' : 'Export board' })).toBeVisible();
    await remove.click();
    await expect(page.getByTestId('remove-confirm')).toContainText(guestName);
    expectNoSharedLabels(await visibleLabels(page));
    await page.context().close();
    await guest.context().close();
  });
}

test('1024×640: the outline shows a note\'s words, not two to four characters before its author\'s name', async ({ browser, host }) => {
  const page = await facilitatorWithRoom(browser, host.url, 'ko', { width: 1024, height: 640 });
  const joinUrl = (await page.getByTestId('join-url').textContent())!;
  const guest = await openApp(await (await browser.newContext({ locale: 'ko-KR' })).newPage(), joinUrl);
  await guest.waitForFunction(() => window.madang!.synced());
  // Written by a participant: an anonymous name ("익명 산토끼 62") beside the text.
  await guest.evaluate(() => window.madang!.addNotes([{ text: '가로등 수리가 늦어서 밤에 골목이 너무 어두워요', x: 0, y: 0 }]));
  await page.getByRole('button', { name: '개요 보기' }).click();
  const text = page.locator('.outline-note .outline-text');
  await expect(text).toHaveText('가로등 수리가 늦어서 밤에 골목이 너무 어두워요');
  const measured = await pageSize(page);
  expect(measured.height).toBeLessThanOrEqual(measured.innerHeight);
  // At least eight Hangul syllables' room (about 130 px at this size).
  expect((await text.boundingBox())!.width).toBeGreaterThanOrEqual(120);
  await page.context().close();
  await guest.context().close();
});

test('switching language during a room changes text only: the connection never leaves "connected"', async ({ browser, host }) => {
  const page = await facilitatorWithRoom(browser, host.url, 'ko', { width: 1600, height: 900 });
  const joinUrl = (await page.getByTestId('join-url').textContent())!;
  const guest = await openApp(await (await browser.newContext({ locale: 'ko-KR' })).newPage(), joinUrl);
  await expect(page.getByTestId('presence-list').getByRole('listitem')).toHaveCount(2);
  await page.waitForFunction(() => window.madang!.synced());
  const facilitatorNameBefore = (await guest.evaluate(() => window.madang!.peers())).find((p) => p.role === 'facilitator')!.name;

  // Every frame and every few milliseconds from before the switch until after a round trip, the
  // link's state (frames alone can be few on a busy machine).
  await page.evaluate(() => {
    const w = window as unknown as { transportSamples: string[]; stopSampling: () => void };
    w.transportSamples = [];
    let frame = 0;
    const sample = () => w.transportSamples.push(window.madang!.transport());
    const onFrame = () => {
      sample();
      frame = requestAnimationFrame(onFrame);
    };
    onFrame();
    const timer = setInterval(sample, 5);
    w.stopSampling = () => {
      cancelAnimationFrame(frame);
      clearInterval(timer);
    };
  });
  await page.getByLabel('언어').selectOption('en');
  await expect(page.getByRole('heading', { name: 'Here now' })).toBeVisible();
  await expect(page.getByTestId('connection-status')).toHaveText(/^Connected · 2 in the room/);
  // A round trip through the room after the switch: a torn-down connection would show up in the samples.
  await guest.evaluate(() => window.madang!.addNotes([{ text: 'after the switch', x: 0, y: 0 }]));
  await page.waitForFunction(() => window.madang!.notes().some((n) => n.text === 'after the switch'));
  const samples = await page.evaluate(() => {
    const w = window as unknown as { transportSamples: string[]; stopSampling: () => void };
    w.stopSampling();
    return w.transportSamples;
  });
  expect(samples.length).toBeGreaterThan(10);
  expect(samples.filter((s) => s !== 'webrtc' && s !== 'relay')).toEqual([]);
  // Others still see the facilitator under the same name.
  expect((await guest.evaluate(() => window.madang!.peers())).find((p) => p.role === 'facilitator')!.name).toBe(facilitatorNameBefore);
  await page.context().close();
  await guest.context().close();
});

test('pasting 14,400 characters into a note keeps 10,000, shows the limit and says what was cut', async ({ browser, host }) => {
  const context = await browser.newContext({ locale: 'ko-KR', viewport: { width: 1600, height: 900 }, permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await openApp(await context.newPage(), host.url);
  await page.getByLabel('세션 이름').fill('붙여넣기');
  await page.getByRole('button', { name: '만들기' }).click();
  await page.waitForFunction(() => window.madang!.view() !== null);
  await page.getByRole('button', { name: '메모 추가' }).click();
  const editor = page.locator('textarea.board-text-overlay');
  await expect(editor).toHaveAttribute('data-mode', 'editing');
  await page.evaluate(() => navigator.clipboard.writeText('골목 안전 '.repeat(2400))); // 14,400 characters
  await page.keyboard.press('Control+V');
  // What is shown while editing is what will be kept.
  await expect.poll(() => editor.evaluate((t: HTMLTextAreaElement) => t.value.length)).toBe(10_000);
  const hint = page.locator('.board-text-limit');
  await expect(hint).toContainText('10,000 / 10,000자');
  await expect(hint.getByRole('status')).toHaveText('10,000자까지만 저장됩니다. 붙여 넣은 글의 뒤쪽 4,400자는 잘렸습니다.');
  await page.keyboard.press('Escape');
  await expect.poll(() => page.evaluate(() => window.madang!.notes()[0]?.text.length)).toBe(10_000);
  await expect(hint).toBeHidden();
  await context.close();
});
