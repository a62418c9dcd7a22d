// History on the host and nothing typed lost: the facilitator restores a room version kept by
// the host and a participant in another browser sees it; text typed into a note right before a
// reload is still there after it.
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from '@playwright/test';
import { test, expect, openApp } from './support/fixtures';

async function browserPage(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'ko-KR', viewport: { width: 1400, height: 900 } });
  return openApp(await context.newPage(), url);
}

const texts = async (page: Page) => (await page.evaluate(() => window.madang!.notes().map((n) => n.text))).sort();

test('the facilitator restores a room version from the host, and a participant in another browser sees it', async ({ browser, host }) => {
  const facilitator = await browserPage(browser, host.url);
  await facilitator.getByLabel('세션 이름').fill('골목 안전 워크숍');
  await facilitator.getByRole('button', { name: '만들기' }).click();
  await facilitator.getByRole('button', { name: '방 열기' }).click();
  const joinUrl = (await facilitator.getByTestId('join-url').textContent())!;
  const versions = facilitator.getByTestId('host-history');
  await expect(versions.getByRole('heading', { name: '방 버전 기록' })).toBeVisible();

  const guest = await browserPage(browser, joinUrl);
  await facilitator.evaluate(() => window.madang!.addNotes([{ text: '가로등이 어둡다', x: 0, y: 0 }, { text: '차가 빠르다', x: 300, y: 0 }]));
  await expect.poll(() => texts(guest)).toEqual(['가로등이 어둡다', '차가 빠르다']);

  await versions.getByRole('button', { name: '지금 버전 저장' }).click();
  await expect(versions.getByRole('status')).toHaveText('지금 상태를 방 버전으로 저장했습니다.');
  // The host's own 30-second check may already have kept a first version of the changed board,
  // so the saved one is asserted as the newest row, not as the only one.
  const rows = versions.getByRole('listitem');
  await expect(rows.first()).toContainText('직접 저장 · 메모 2개');
  const rowsBeforeRestore = await rows.count();

  // The participant keeps versions of their own device only and cannot restore for the room.
  await expect(guest.getByText('이 버전들은 이 기기에만 저장됩니다.', { exact: false })).toBeVisible();
  await expect(guest.getByRole('button', { name: /복원/ })).toHaveCount(0);

  // The participant changes the board; the facilitator takes the whole room back.
  await guest.evaluate(() => window.madang!.addNotes([{ text: '망친 메모', x: 0, y: 300 }]));
  await expect.poll(() => texts(facilitator)).toHaveLength(3);
  await rows.first().getByRole('button', { name: '모두에게 복원' }).click();
  const dialog = facilitator.getByRole('dialog', { name: '방 전체를 이 버전으로 되돌릴까요?' });
  await dialog.getByRole('button', { name: '모두에게 복원' }).click();
  await expect(versions.getByRole('status')).toContainText('버전으로 모두의 보드를 복원했습니다.');

  await expect.poll(() => texts(guest)).toEqual(['가로등이 어둡다', '차가 빠르다']);
  await expect.poll(() => texts(facilitator)).toEqual(['가로등이 어둡다', '차가 빠르다']);
  // The board it replaced is a version too, named after the version restored (never the same row).
  await expect(rows).toHaveCount(rowsBeforeRestore + 1);
  await expect(rows.first()).toContainText('버전 복원 직전 · 메모 3개');
  const axe = await new AxeBuilder({ page: facilitator }).include('[data-testid="host-history"]').withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa']).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
  await facilitator.context().close();
  await guest.context().close();
});

test('text typed into a note just before a reload is still there after it', async ({ browser, host }) => {
  const page = await browserPage(browser, host.url);
  await page.getByLabel('세션 이름').fill('바로 새로고침');
  await page.getByRole('button', { name: '만들기' }).click();
  await page.waitForFunction(() => window.madang!.view() !== null);
  const [id] = await page.evaluate(() => window.madang!.addNotes([{ text: '', x: 0, y: 0 }]));
  await page.evaluate(() => {
    const view = window.madang!.view()!;
    view.fit();
  });
  const r = (await page.evaluate((id) => window.madang!.view()!.clientRectOf(id), id!))!;
  await page.mouse.dblclick(r.x + r.width / 2, r.y + r.height / 2);
  await expect(page.locator('textarea.board-text-overlay')).toHaveAttribute('data-mode', 'editing');
  await page.keyboard.type('횡단보도', { delay: 0 });
  // At once: well within the editor's 300 ms commit timer.
  await page.reload();
  await page.waitForFunction(() => window.madang?.notes().length === 1);
  expect(await texts(page)).toEqual(['횡단보도']);
  await page.context().close();
});
