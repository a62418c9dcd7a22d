// The live outline in the browser served by the host (docs/design.md, rule 6): a keyboard-only editing flow,
// selection shared with the canvas, a remote addition seen and announced, and axe-core on the open
// outline. After setup (creating a session), the first test never touches the mouse.
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Locator, Page } from '@playwright/test';
import { test, expect, automationUrl } from './support/fixtures';

type Note = { id: string; text: string; frameId?: string; clusterId?: string };

async function open(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'ko-KR' });
  const page = await context.newPage();
  await page.goto(automationUrl(url));
  await page.waitForFunction(() => window.madang !== undefined);
  await page.evaluate(() => window.madang!.ready);
  return page;
}

async function newSession(page: Page, title: string): Promise<void> {
  await page.getByLabel('세션 이름').fill(title);
  await page.getByRole('button', { name: '만들기' }).click();
  await expect(page.getByRole('heading', { name: title })).toBeVisible();
  await expect.poll(() => page.evaluate(() => window.madang!.boardId())).not.toBe('');
}

const notes = (page: Page) => page.evaluate(() => window.madang!.notes().map(({ id, text, frameId, clusterId }) => ({ id, text, frameId, clusterId })) as Note[]);
const noteByText = async (page: Page, text: string) => (await notes(page)).find((n) => n.text === text);
const focused = (page: Page) => page.locator(':focus');
const outline = (page: Page) => page.getByTestId('outline');
const tree = (page: Page) => outline(page).getByRole('tree');
const item = (page: Page, name: string | RegExp) => tree(page).getByRole('treeitem', { name });

/** Presses Tab (or Shift+Tab) until `target` has focus: how a keyboard user gets somewhere. */
async function tabTo(page: Page, target: Locator, backwards = false, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    const there = await target.evaluate((el) => el === document.activeElement, undefined, { timeout: 2000 }).catch(() => false);
    if (there) return;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`could not reach ${String(target)} with ${backwards ? 'Shift+Tab' : 'Tab'}`);
}

/** Home, then Down in the tree until the focused item's name matches (focus must be in the tree). */
async function arrowTo(page: Page, name: RegExp, max = 30): Promise<void> {
  await page.keyboard.press('Home');
  for (let i = 0; i < max; i++) {
    if (name.test((await focused(page).getAttribute('aria-label')) ?? '')) return;
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`no tree item named ${name}`);
}

async function openOutline(page: Page): Promise<void> {
  const show = page.getByRole('button', { name: '개요 보기' });
  await tabTo(page, show);
  await page.keyboard.press('Enter');
  await expect(outline(page)).toBeVisible();
}

test('keyboard only: add, edit in Korean, move into a frame and a cluster, reorder, delete', async ({ browser, host }) => {
  const page = await open(browser, host.url);
  await newSession(page, '키보드 워크숍');
  await page.evaluate(() => window.madang!.addNotes([
    { text: '주차 공간 부족', x: 0, y: 0 },
    { text: '가로등이 없어요', x: 200, y: 0 },
  ]));
  await expect.poll(async () => (await notes(page)).length).toBe(2);
  // From here on: keyboard only.

  await openOutline(page);
  await tabTo(page, tree(page).locator('[role="treeitem"][tabindex="0"]'));
  await expect(focused(page)).toHaveAttribute('role', 'treeitem');
  await expect(tree(page).getByRole('treeitem')).toHaveCount(2);

  // A frame, from the outline's own toolbar, named in Korean.
  await tabTo(page, outline(page).getByRole('button', { name: '프레임 추가' }), true);
  await page.keyboard.press('Enter');
  await expect(focused(page)).toHaveAttribute('aria-label', '프레임 제목 편집');
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText('1단계: 문제 찾기');
  await page.keyboard.press('Enter');
  await expect(focused(page)).toHaveAttribute('aria-label', /^프레임: 1단계: 문제 찾기, 항목 0개/);

  // Add a note after the first one, type Korean, Enter.
  await arrowTo(page, /^메모: 주차 공간 부족/);
  await page.keyboard.press('n');
  await expect(focused(page)).toHaveAttribute('aria-label', '메모 내용 편집');
  await page.keyboard.insertText('보행로가 좁아요');
  await page.keyboard.press('Enter');
  await expect.poll(() => noteByText(page, '보행로가 좁아요')).toBeTruthy();
  await expect(focused(page)).toHaveAttribute('aria-label', /^메모: 보행로가 좁아요, 작성자 /);
  await expect(focused(page)).toHaveAttribute('aria-posinset', '2');

  // Edit it (F2), replacing the text.
  await page.keyboard.press('F2');
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText('보행로가 너무 좁아요');
  await page.keyboard.press('Enter');
  await expect.poll(() => noteByText(page, '보행로가 너무 좁아요')).toBeTruthy();
  expect(await noteByText(page, '보행로가 좁아요')).toBeUndefined();

  // Reorder: Alt+Up puts it first.
  await page.keyboard.press('Alt+ArrowUp');
  await expect(focused(page)).toHaveAttribute('aria-posinset', '1');
  await expect(tree(page).getByRole('treeitem').first()).toHaveAttribute('aria-label', /^메모: 보행로가 너무 좁아요/);

  // Into the frame: Alt+Down until the frame is just above, then Alt+Right.
  await arrowTo(page, /^메모: 가로등이 없어요/);
  await page.keyboard.press('Alt+ArrowDown');
  await page.keyboard.press('Alt+ArrowRight');
  await expect(focused(page)).toHaveAttribute('aria-level', '2');
  const frameId = (await noteByText(page, '가로등이 없어요'))?.frameId;
  expect(frameId).toBeTruthy();
  await expect(item(page, /^프레임: 1단계: 문제 찾기, 항목 1개/)).toHaveAttribute('aria-expanded', 'true');

  // Group it into a cluster (toolbar, by keyboard), name the cluster.
  await page.keyboard.press(' ');
  await tabTo(page, outline(page).getByRole('button', { name: '선택한 메모 묶기' }), true);
  await page.keyboard.press('Enter');
  await expect(focused(page)).toHaveAttribute('aria-label', '묶음 이름 편집');
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText('어두운 길');
  await page.keyboard.press('Enter');
  await expect(focused(page)).toHaveAttribute('aria-label', /^묶음: 어두운 길, 메모 1개/);

  // "Move to…": the first note goes into that cluster, chosen in the dialog by keyboard.
  await arrowTo(page, /^메모: 주차 공간 부족/);
  await tabTo(page, outline(page).getByRole('button', { name: '이동…' }), true);
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: /^옮길 곳 고르기: 메모: 주차 공간 부족/ });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('찾기')).toBeFocused();
  await page.keyboard.insertText('어두운');
  await page.keyboard.press('ArrowDown');
  await expect(focused(page)).toHaveText('묶음: 어두운 길 (프레임: 1단계: 문제 찾기)');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(focused(page)).toHaveAttribute('aria-label', /^메모: 주차 공간 부족/);
  await expect(focused(page)).toHaveAttribute('aria-level', '3');
  const cluster = await noteByText(page, '가로등이 없어요');
  await expect.poll(async () => (await noteByText(page, '주차 공간 부족'))?.clusterId).toBe(cluster?.clusterId);

  // "Connect to…": an arrow from this note to the other one, with a label, by keyboard.
  await tabTo(page, outline(page).getByRole('button', { name: '연결…' }), true);
  await page.keyboard.press('Enter');
  const connectDialog = page.getByRole('dialog', { name: /^연결할 항목 고르기: 메모: 주차 공간 부족/ });
  await expect(connectDialog.getByLabel('연결 설명 (선택)')).toBeFocused();
  await page.keyboard.insertText('원인');
  await page.keyboard.press('Tab');
  await expect(connectDialog.getByLabel('찾기')).toBeFocused();
  await page.keyboard.insertText('가로등');
  await page.keyboard.press('ArrowDown');
  await expect(focused(page)).toHaveText('메모: 가로등이 없어요');
  await page.keyboard.press('Enter');
  await expect(connectDialog).toBeHidden();
  await expect(focused(page)).toHaveAttribute('aria-label', /^메모: 주차 공간 부족, 작성자 .*, 연결 1개$/);
  await expect(item(page, /^메모: 가로등이 없어요, 작성자 .*, 연결 1개$/)).toBeVisible();

  // Delete: the note goes, focus stays in the tree on a neighbour.
  await arrowTo(page, /^메모: 보행로가 너무 좁아요/);
  await page.keyboard.press('Delete');
  await expect.poll(() => noteByText(page, '보행로가 너무 좁아요')).toBeUndefined();
  await expect(focused(page)).toHaveAttribute('role', 'treeitem');
  await expect(outline(page).getByTestId('outline-status')).toHaveText('1개 항목을 삭제했습니다.');
  expect((await notes(page)).map((n) => n.text).sort()).toEqual(['가로등이 없어요', '주차 공간 부족']);
  await page.context().close();
});

test('selection is shared with the canvas: selected in the outline, selected on the board', async ({ browser, host }) => {
  const page = await open(browser, host.url);
  await newSession(page, '선택 공유 워크숍');
  await page.evaluate(() => window.madang!.addNotes([
    { text: '하나', x: 0, y: 0 },
    { text: '둘', x: 200, y: 0 },
  ]));
  await openOutline(page);
  const canvasDelete = page.getByRole('toolbar', { name: '보드 도구' }).getByRole('button', { name: '삭제', exact: true });
  await expect(canvasDelete).toBeDisabled(); // nothing selected on the canvas

  await tabTo(page, tree(page).locator('[role="treeitem"][tabindex="0"]'));
  await page.keyboard.press(' ');
  await expect(focused(page)).toHaveAttribute('aria-selected', 'true');
  await expect(canvasDelete).toBeEnabled(); // the canvas sees the selection
  await page.keyboard.press('Shift+ArrowDown');
  await expect(page.getByText('2개 선택됨')).toBeAttached(); // the canvas's own selection status

  await page.keyboard.press('Escape'); // clears the selection, in both views
  await expect(tree(page).locator('[aria-selected="true"]')).toHaveCount(0);
  await expect(canvasDelete).toBeDisabled();

  // and back: select everything on the canvas (keyboard there too), the outline shows it
  await tabTo(page, page.getByTestId('board-canvas'), true);
  await page.keyboard.press('ControlOrMeta+A');
  await expect(tree(page).locator('[aria-selected="true"]')).toHaveCount(2);
  await page.keyboard.press('Escape');
  await expect(tree(page).locator('[aria-selected="true"]')).toHaveCount(0);
  await page.context().close();
});

test('a note added by someone else in the room appears in the outline and is announced', async ({ browser, host }) => {
  const facilitator = await open(browser, host.url);
  await newSession(facilitator, '함께 쓰는 워크숍');
  await facilitator.getByRole('button', { name: '방 열기' }).click();
  const joinUrl = (await facilitator.getByTestId('join-url').textContent())!;
  await openOutline(facilitator);

  const guest = await open(browser, joinUrl);
  await expect(guest.getByTestId('presence-list').getByRole('listitem')).toHaveCount(2);
  await expect(facilitator.getByTestId('presence-list').getByRole('listitem')).toHaveCount(2);
  const guestName = (await guest.evaluate(() => window.madang!.peers())).find((p) => p.self)!.name;
  await expect.poll(() => guest.evaluate(() => window.madang!.boardId())).not.toBe('');

  await guest.evaluate(() => window.madang!.addNotes([{ text: '횡단보도가 멀어요', x: 300, y: 300 }]));
  await expect(item(facilitator, new RegExp(`^메모: 횡단보도가 멀어요, 작성자 ${guestName}`))).toBeVisible();
  await expect(facilitator.getByTestId('outline-announcer')).toHaveText(`${guestName} 님이 메모를 추가했습니다: 횡단보도가 멀어요`);
  await expect(facilitator.getByTestId('outline-announcer')).toHaveAttribute('aria-live', 'polite');

  // A burst is summarised, not read out note by note.
  await guest.evaluate(() => window.madang!.addNotes(Array.from({ length: 12 }, (_, i) => ({ text: `의견 ${i + 1}`, x: i * 180, y: 600 }))));
  await expect(tree(facilitator).getByRole('treeitem')).toHaveCount(13);
  await expect(facilitator.getByTestId('outline-announcer')).toHaveText(`${guestName} 님이 메모 12개를 추가했습니다.`);
  await guest.context().close();
  await facilitator.context().close();
});

test('axe-core finds no serious or critical violations with the outline open', async ({ browser, host }) => {
  const page = await open(browser, host.url);
  await newSession(page, '접근성 워크숍');
  await page.evaluate(() => window.madang!.addNotes([
    { text: '주차 공간 부족', x: 0, y: 0 },
    { text: '가로등이 없어요', x: 200, y: 0 },
    { text: '버스가 자주 안 와요', x: 400, y: 0 },
  ]));
  await openOutline(page);
  await tabTo(page, tree(page).locator('[role="treeitem"][tabindex="0"]'));
  await page.keyboard.press(' '); // a selected item
  await page.keyboard.press('ArrowDown');
  const serious = async () => {
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa']).analyze();
    return results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  };
  expect(await serious()).toEqual([]);

  // …while editing inline, and with the "Move to…" dialog open.
  await page.keyboard.press('F2');
  await expect(focused(page)).toHaveAttribute('aria-label', '메모 내용 편집');
  expect(await serious()).toEqual([]);
  await page.keyboard.press('Escape');
  await tabTo(page, outline(page).getByRole('button', { name: '이동…' }), true);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog')).toBeVisible();
  expect(await serious()).toEqual([]);
  await page.context().close();
});
