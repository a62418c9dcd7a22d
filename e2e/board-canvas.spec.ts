// The board canvas through the UI (docs/architecture.md, docs/design.md): create, type, move, group, connect, delete,
// undo/redo with the mouse, toolbar and keyboard; Korean typed through Chrome's IME protocol
// (Input.imeSetComposition / Input.insertText) into a new note and an existing one, with Enter and
// a click pressed mid-composition. Assertions read window.madang.notes() and what is on screen.
import type { CDPSession, Page } from '@playwright/test';
import { test, expect, automationUrl } from './support/fixtures';

type Note = { id: string; text: string; x: number; y: number; w: number; h: number; frameId?: string; clusterId?: string };

const notes = (page: Page) => page.evaluate(() => window.madang!.notes() as Note[]);
const noteById = async (page: Page, id: string) => (await notes(page)).find((n) => n.id === id);
const counts = (page: Page) => page.evaluate(() => window.madang!.view()!.counts());
/** The canvas's text overlay; data-mode is 'editing' while it is shown over a note. */
const editor = (page: Page) => page.locator('textarea.board-text-overlay');
const canvas = (page: Page) => page.getByTestId('board-canvas');

async function openBoard(page: Page, url: string, title = '골목 안전 워크숍'): Promise<void> {
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(automationUrl(url));
  await page.waitForFunction(() => window.madang !== undefined);
  await page.evaluate(() => window.madang!.ready);
  await page.getByLabel('세션 이름').fill(title);
  await page.getByRole('button', { name: '만들기' }).click();
  await expect(page.getByRole('heading', { name: title })).toBeVisible();
  await page.waitForFunction(() => window.madang!.view() !== null);
}

/** Adds notes through automation (setup only) and brings them into view at 100%. */
async function seed(page: Page, items: Array<{ text: string; x: number; y: number }>): Promise<string[]> {
  const ids = await page.evaluate((list) => window.madang!.addNotes(list), items);
  await page.evaluate(() => {
    const view = window.madang!.view()!;
    view.fit();
    view.zoomTo(1, 500, 400);
  });
  return ids;
}

/** The centre of a record on the page, from the canvas's own geometry. */
async function centreOf(page: Page, id: string): Promise<{ x: number; y: number }> {
  const r = await page.evaluate((id) => window.madang!.view()!.clientRectOf(id), id);
  if (!r) throw new Error(`no record ${id} on the canvas`);
  return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
}

/** An empty spot of the canvas, away from the toolbar and zoom controls. */
async function emptySpot(page: Page): Promise<{ x: number; y: number }> {
  const box = (await canvas(page).boundingBox())!;
  return { x: box.x + box.width - 120, y: box.y + box.height - 160 };
}

test('create a note, type, move it by drag, delete it, undo and redo — with mouse, toolbar and keys', async ({ page, host }) => {
  await openBoard(page, host.url);

  // Toolbar button → a new note with its editor open and focused.
  await page.getByRole('button', { name: '메모 추가' }).click();
  await expect(editor(page)).toHaveAttribute('data-mode', 'editing');
  await expect(editor(page)).toBeFocused();
  await page.keyboard.type('Streetlights are out');
  await page.keyboard.press('Enter'); // plain Enter is a newline, not "done"
  await page.keyboard.type('on Elm St');
  await page.keyboard.press('Escape');
  await expect(editor(page)).not.toHaveAttribute('data-mode', 'editing');
  await expect.poll(async () => (await notes(page)).map((n) => n.text)).toEqual(['Streetlights are out\non Elm St']);
  const [first] = await notes(page);

  // Keyboard: N makes another note (nothing must be selected first).
  await page.mouse.click((await emptySpot(page)).x, (await emptySpot(page)).y);
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('board-canvas');
  await page.keyboard.press('n');
  await expect(editor(page)).toHaveAttribute('data-mode', 'editing');
  await page.keyboard.type('Second');
  await page.keyboard.press('Control+Enter');
  await expect.poll(async () => (await notes(page)).length).toBe(2);

  // Double-click on empty canvas makes a third.
  const spot = await emptySpot(page);
  await page.mouse.dblclick(spot.x, spot.y);
  await expect(editor(page)).toHaveAttribute('data-mode', 'editing');
  await page.keyboard.type('Third');
  await page.keyboard.press('Escape');
  await expect.poll(async () => (await notes(page)).map((n) => n.text).sort()).toEqual(['Second', 'Streetlights are out\non Elm St', 'Third']);

  // Move the first note by dragging it: one moveRecords at the end, the text travels with it.
  const before = (await noteById(page, first!.id))!;
  const from = await centreOf(page, first!.id);
  const scale = await page.evaluate(() => window.madang!.view()!.scale());
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x - 80, from.y + 10, { steps: 6 });
  await page.mouse.move(from.x - 160, from.y + 20, { steps: 6 });
  // Mid-drag nothing is written (the live drag is local).
  expect((await noteById(page, first!.id))!.x).toBe(before.x);
  await page.mouse.up();
  await expect.poll(async () => (await noteById(page, first!.id))!.x).toBeCloseTo(before.x - 160 / scale, 0);
  expect((await noteById(page, first!.id))!.y).toBeCloseTo(before.y + 20 / scale, 0);

  // Undo puts it back in one step; redo moves it again.
  await page.getByRole('button', { name: '실행 취소' }).click();
  await expect.poll(async () => (await noteById(page, first!.id))!.x).toBe(before.x);
  await page.getByRole('button', { name: '다시 실행' }).click();
  await expect.poll(async () => (await noteById(page, first!.id))!.x).toBeCloseTo(before.x - 160 / scale, 0);

  // Select it by clicking, delete with the Delete key; Ctrl+Z brings it back, Ctrl+Shift+Z deletes again.
  const at = await centreOf(page, first!.id);
  await page.mouse.click(at.x, at.y);
  await page.keyboard.press('Delete');
  await expect.poll(async () => (await notes(page)).length).toBe(2);
  await page.keyboard.press('Control+z');
  await expect.poll(async () => (await notes(page)).some((n) => n.id === first!.id)).toBe(true);
  await page.keyboard.press('Control+Shift+z');
  await expect.poll(async () => (await notes(page)).some((n) => n.id === first!.id)).toBe(false);
  await page.keyboard.press('Control+y'); // nothing left to redo: a no-op
  expect((await notes(page)).length).toBe(2);

  // Toolbar delete on a selection.
  const second = (await notes(page)).find((n) => n.text === 'Second')!;
  const c2 = await centreOf(page, second.id);
  await page.mouse.click(c2.x, c2.y);
  await page.getByRole('button', { name: '삭제' }).click();
  await expect.poll(async () => (await notes(page)).map((n) => n.text)).toEqual(['Third']);
});

test('group two notes into a cluster, connect two notes by dragging the handle, ungroup', async ({ page, host }) => {
  await openBoard(page, host.url);
  const [a, b, c] = await seed(page, [
    { text: '가로등이 꺼져 있어요', x: 0, y: 0 },
    { text: '밤길이 무서워요', x: 200, y: 0 },
    { text: '순찰을 늘려요', x: 120, y: 260 },
  ]);

  // Click one, shift-click another, group with the toolbar.
  const pa = await centreOf(page, a!);
  const pb = await centreOf(page, b!);
  await page.mouse.click(pa.x, pa.y);
  await page.keyboard.down('Shift');
  await page.mouse.click(pb.x, pb.y);
  await page.keyboard.up('Shift');
  await expect(page.getByRole('status').filter({ hasText: '2개 선택됨' })).toHaveCount(1);
  await page.getByRole('button', { name: '묶기' }).click();
  // The new group's name opens for editing (all selected). Name it in Korean through the IME: in a
  // one-line label Enter means "done" — but not while a syllable is composing.
  await expect(editor(page)).toBeFocused();
  const cdp = await page.context().newCDPSession(page);
  await compose(cdp, ['ㅇ', '어'], '어', { enterMidway: true });
  await expect(editor(page)).toHaveAttribute('data-mode', 'editing');
  await compose(cdp, ['ㄷ', '두'], '두', { enterMidway: true });
  await compose(cdp, ['ㅇ', '우', '운'], '운', { enterMidway: true });
  await cdp.send('Input.insertText', { text: ' ' });
  await compose(cdp, ['ㄱ', '기', '길'], '길', { enterMidway: true });
  await expect(editor(page)).toHaveValue('어두운 길');
  await page.keyboard.press('Enter');
  await expect(editor(page)).not.toHaveAttribute('data-mode', 'editing');
  await expect.poll(async () => {
    const list = await notes(page);
    const ca = list.find((n) => n.id === a)?.clusterId;
    return !!ca && ca === list.find((n) => n.id === b)?.clusterId && !list.find((n) => n.id === c)?.clusterId;
  }).toBe(true);
  expect((await counts(page)).cluster).toBe(1);

  // Connect c → a by dragging c's connection handle (right of the selected note) onto a.
  const pc = await centreOf(page, c!);
  await page.mouse.click(pc.x, pc.y);
  const rc = (await page.evaluate((id) => window.madang!.view()!.clientRectOf(id), c!))!;
  const handle = { x: rc.x + rc.width + 18, y: rc.y + rc.height / 2 };
  const target = await centreOf(page, a!);
  await page.mouse.move(handle.x, handle.y);
  await page.mouse.down();
  await page.mouse.move((handle.x + target.x) / 2, (handle.y + target.y) / 2, { steps: 5 });
  await page.mouse.move(target.x, target.y, { steps: 5 });
  await page.mouse.up();
  await expect.poll(async () => (await counts(page)).connector).toBe(1);
  // The connection is visible to the user in the outline too ("연결 1개" on both notes).
  await page.getByRole('button', { name: '개요 보기' }).click();
  await expect(page.getByRole('treeitem', { name: /연결 1개/ })).toHaveCount(2);
  await expect(page.getByRole('treeitem', { name: /^묶음: 어두운 길,/ })).toHaveCount(1);
  await page.getByRole('button', { name: '개요 닫기' }).click();

  // Connect with the toolbar too (keyboard-friendly): select b and c, press 연결.
  const pb2 = await centreOf(page, b!);
  const pc2 = await centreOf(page, c!);
  await page.mouse.click(pb2.x, pb2.y);
  await page.keyboard.down('Shift');
  await page.mouse.click(pc2.x, pc2.y);
  await page.keyboard.up('Shift');
  await page.getByRole('button', { name: '연결' }).click();
  await expect.poll(async () => (await counts(page)).connector).toBe(2);

  // Ungroup with Ctrl+Shift+G on a grouped note; undo regroups.
  const pa2 = await centreOf(page, a!);
  await page.mouse.click(pa2.x, pa2.y);
  await page.keyboard.press('Control+Shift+G');
  await expect.poll(async () => (await notes(page)).every((n) => !n.clusterId)).toBe(true);
  await page.keyboard.press('Control+z');
  await expect.poll(async () => (await notes(page)).filter((n) => n.clusterId).length).toBe(2);
});

test('marquee selection, duplicate, copy/paste and recolour work on several notes', async ({ page, host }) => {
  await openBoard(page, host.url);
  const [a, b] = await seed(page, [
    { text: '첫째', x: 0, y: 0 },
    { text: '둘째', x: 200, y: 0 },
  ]);
  const ra = (await page.evaluate((id) => window.madang!.view()!.clientRectOf(id), a!))!;
  const rb = (await page.evaluate((id) => window.madang!.view()!.clientRectOf(id), b!))!;
  // Shift+drag on empty canvas draws a marquee.
  await page.keyboard.down('Shift');
  await page.mouse.move(ra.x - 30, ra.y - 30);
  await page.mouse.down();
  await page.mouse.move(rb.x + rb.width + 20, rb.y + rb.height + 20, { steps: 8 });
  await page.mouse.up();
  await page.keyboard.up('Shift');
  await expect(page.getByRole('status').filter({ hasText: '2개 선택됨' })).toHaveCount(1);

  await page.getByRole('button', { name: '분홍' }).click();
  await page.keyboard.press('Control+d');
  await expect.poll(async () => (await notes(page)).length).toBe(4);
  await page.keyboard.press('Control+c');
  await page.keyboard.press('Control+v');
  await expect.poll(async () => (await notes(page)).length).toBe(6);
  expect((await notes(page)).map((n) => n.text).sort()).toEqual(['둘째', '둘째', '둘째', '첫째', '첫째', '첫째']);
});

// ---------- Korean IME ----------

/** Composes `steps` (each the whole composition so far, e.g. ㅎ → 하 → 한) and commits `commit`. */
async function compose(cdp: CDPSession, steps: string[], commit: string, options: { enterMidway?: boolean } = {}): Promise<void> {
  for (const text of steps) await cdp.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
  if (options.enterMidway) {
    // Enter while the syllable is still composing, as an IME reports it (keyCode 229): it must neither
    // close the editor nor commit (and so duplicate) the syllable.
    await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 229, nativeVirtualKeyCode: 229 });
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, nativeVirtualKeyCode: 13 });
  }
  await cdp.send('Input.insertText', { text: commit });
}

async function typeHangul(cdp: CDPSession, enterMidway = false): Promise<void> {
  await compose(cdp, ['ㅎ', '하', '한'], '한', { enterMidway });
  await compose(cdp, ['ㄱ', '그', '글'], '글', { enterMidway });
  await cdp.send('Input.insertText', { text: ' ' });
  await compose(cdp, ['ㅇ', '이', '입'], '입', { enterMidway });
  await compose(cdp, ['ㄹ', '려', '력'], '력', { enterMidway });
}

test('Korean through the IME into a new note: exactly what was composed, Enter mid-composition included', async ({ page, host }) => {
  await openBoard(page, host.url);
  const cdp = await page.context().newCDPSession(page);
  await page.getByRole('button', { name: '메모 추가' }).click();
  await expect(editor(page)).toBeFocused();
  await typeHangul(cdp, true);
  // Still editing (no Enter closed it) and the textarea holds no doubled or lost jamo.
  await expect(editor(page)).toHaveAttribute('data-mode', 'editing');
  await expect(editor(page)).toHaveValue('한글 입력');
  await page.keyboard.press('Escape');
  await expect(editor(page)).not.toHaveAttribute('data-mode', 'editing');
  await expect.poll(async () => (await notes(page)).map((n) => n.text)).toEqual(['한글 입력']);

  // A plain Enter after the composition ended is a newline; more Korean continues the same note.
  const [note] = await notes(page);
  const at = await centreOf(page, note!.id);
  await page.mouse.dblclick(at.x, at.y);
  await expect(editor(page)).toBeFocused();
  await page.keyboard.press('Enter');
  await compose(cdp, ['ㄷ', '도', '돼'], '돼', { enterMidway: true });
  await compose(cdp, ['ㅇ', '요'], '요');
  await page.keyboard.press('Control+Enter');
  await expect.poll(async () => (await noteById(page, note!.id))!.text).toBe('한글 입력\n돼요');
});

test('Korean into an existing selected note: typing starts editing without losing the first jamo; a click mid-composition keeps it once', async ({ page, host }) => {
  await openBoard(page, host.url);
  const [id] = await seed(page, [{ text: '주차 문제 ', x: 0, y: 0 }]);
  const cdp = await page.context().newCDPSession(page);

  // Select the note by clicking it. No Enter, no double-click: composition starts right away in the
  // already-focused (invisible) textarea, and the first jamo is part of the syllable.
  const at = await centreOf(page, id!);
  await page.mouse.click(at.x, at.y);
  await expect(editor(page)).toBeFocused();
  await expect(editor(page)).toHaveAttribute('data-mode', 'sink');
  await cdp.send('Input.imeSetComposition', { text: 'ㅎ', selectionStart: 1, selectionEnd: 1 });
  await expect(editor(page)).toHaveAttribute('data-mode', 'editing');
  await compose(cdp, ['하', '한'], '한', { enterMidway: true });
  await compose(cdp, ['ㄱ', '그', '글'], '글', { enterMidway: true });
  await expect(editor(page)).toHaveValue('주차 문제 한글');

  // Click empty canvas while a syllable is still composing: the editor closes once the IME
  // finishes, with the syllable stored exactly once.
  await cdp.send('Input.insertText', { text: ' ' });
  await cdp.send('Input.imeSetComposition', { text: 'ㅇ', selectionStart: 1, selectionEnd: 1 });
  await cdp.send('Input.imeSetComposition', { text: '이', selectionStart: 1, selectionEnd: 1 });
  await cdp.send('Input.imeSetComposition', { text: '입', selectionStart: 1, selectionEnd: 1 });
  const spot = await emptySpot(page);
  await page.mouse.click(spot.x, spot.y);
  await expect(editor(page)).toHaveAttribute('data-mode', /off|sink/);
  await expect.poll(async () => (await noteById(page, id!))!.text).toBe('주차 문제 한글 입');
  // Nothing arrives late: the text is still exactly that after the canvas has settled.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  expect((await noteById(page, id!))!.text).toBe('주차 문제 한글 입');
});

test('resize with the selection handles, zoom to the cursor with Ctrl+wheel, pan with space+drag', async ({ page, host }) => {
  await openBoard(page, host.url);
  const [id] = await seed(page, [{ text: '크기 조절', x: 0, y: 0 }]);
  const r = (await page.evaluate((id) => window.madang!.view()!.clientRectOf(id), id!))!;
  await page.mouse.click(r.x + r.width / 2, r.y + r.height / 2);
  // Drag the bottom-right handle: the size is written once, at the end.
  const corner = { x: r.x + r.width, y: r.y + r.height };
  await page.mouse.move(corner.x, corner.y);
  await page.mouse.down();
  await page.mouse.move(corner.x + 80, corner.y + 40, { steps: 8 });
  expect((await noteById(page, id!))!.w).toBe(160);
  await page.mouse.up();
  await expect.poll(async () => [(await noteById(page, id!))!.w, (await noteById(page, id!))!.h]).toEqual([240, 160]);

  // Ctrl+wheel zooms in around the cursor: the world point under it stays under it.
  const cursor = { x: r.x + 20, y: r.y + 20 };
  const zoomLevel = page.getByTestId('zoom-level');
  await expect(zoomLevel).toHaveText('100%');
  await page.mouse.move(cursor.x, cursor.y);
  await page.keyboard.down('Control');
  await page.mouse.wheel(0, -200);
  await page.keyboard.up('Control');
  await expect(zoomLevel).not.toHaveText('100%');
  const zoomed = (await page.evaluate((id) => window.madang!.view()!.clientRectOf(id), id!))!;
  const scale = await page.evaluate(() => window.madang!.view()!.scale());
  expect(scale).toBeGreaterThan(1);
  expect(zoomed.x + 20 * scale).toBeCloseTo(cursor.x, 0);

  // Space+drag pans even over a note, and types nothing into it.
  await page.keyboard.down(' ');
  await page.mouse.move(cursor.x, cursor.y);
  await page.mouse.down();
  await page.mouse.move(cursor.x - 100, cursor.y + 50, { steps: 5 });
  await page.mouse.up();
  await page.keyboard.up(' ');
  const panned = (await page.evaluate((id) => window.madang!.view()!.clientRectOf(id), id!))!;
  expect(panned.x - zoomed.x).toBeCloseTo(-100, 0);
  expect(panned.y - zoomed.y).toBeCloseTo(50, 0);
  expect(await noteById(page, id!)).toMatchObject({ x: 0, y: 0, text: '크기 조절' });
});
