// The room's rules hold against a participant whose app is modified: the hub undoes what breaks
// them, on every screen, tells the participant why and logs it for the facilitator. The modified
// client is window.madang.deleteRecordsUnchecked (the app's own checks skipped).
import type { Browser, Page } from '@playwright/test';
import { test, expect, openApp } from './support/fixtures';

async function open(browser: Browser, url: string, locale = 'ko-KR'): Promise<Page> {
  const context = await browser.newContext({ locale, viewport: { width: 1400, height: 900 } });
  return openApp(await context.newPage(), url);
}

/** A facilitator with an open room and two notes, and a participant who joined with its code. */
async function roomWithParticipant(browser: Browser, hostUrl: string, locale = 'ko-KR') {
  const facilitator = await open(browser, hostUrl, locale);
  const en = locale.startsWith('en');
  await facilitator.getByLabel(en ? 'Session name' : '세션 이름').fill(en ? 'Safer alleys' : '골목 안전 워크숍');
  await facilitator.getByRole('button', { name: en ? 'Create' : '만들기' }).click();
  await facilitator.getByRole('button', { name: en ? 'Open room' : '방 열기' }).click();
  await expect(facilitator.getByTestId('join-url')).toBeVisible();
  const room = await facilitator.evaluate(() => window.madang!.room());
  expect(room).not.toBeNull();
  await facilitator.evaluate(() => window.madang!.addNotes([{ text: '가로등이 어둡다', x: 0, y: 0 }, { text: '차가 빠르다', x: 240, y: 0 }]));
  const participant = await open(browser, room!.joinUrl, locale);
  await expect.poll(() => participant.evaluate(() => window.madang!.notes().length)).toBe(2);
  return { facilitator, participant };
}

const texts = (page: Page) => page.evaluate(() => window.madang!.notes().map((n) => n.text).sort());

test('a participant\'s deletion of the facilitator\'s notes comes back on both screens, and the facilitator sees who tried', async ({ browser, host }) => {
  const { facilitator, participant } = await roomWithParticipant(browser, host.url);
  const ids = await participant.evaluate(() => window.madang!.notes().map((n) => n.id));

  await participant.evaluate((ids) => window.madang!.deleteRecordsUnchecked(ids), ids);
  await expect.poll(() => texts(participant)).toEqual(['가로등이 어둡다', '차가 빠르다']);
  await expect.poll(() => texts(facilitator)).toEqual(['가로등이 어둡다', '차가 빠르다']);
  await expect(participant.getByRole('status').filter({ hasText: '방금 한 변경을 되돌렸습니다' })).toContainText('다른 사람이 만든 항목은 지울 수 없습니다');
  // What the hub undid is not left on the participant's undo stack.
  await expect(participant.getByRole('button', { name: '실행 취소', exact: true })).toBeDisabled();

  const rules = facilitator.getByRole('region', { name: '방 규칙' });
  await expect(rules.getByRole('listitem')).toHaveCount(1);
  await expect(rules.getByRole('listitem')).toContainText('다른 사람이 만든 항목은 지울 수 없습니다');
  expect(await facilitator.evaluate(() => window.madang!.roomLog().map((e) => e.reason))).toEqual(['notOwner']);

  // The participant's own note is theirs to delete.
  const [own] = await participant.evaluate(() => window.madang!.addNotes([{ text: '내 의견', x: 0, y: 300 }]));
  await expect.poll(() => facilitator.evaluate(() => window.madang!.notes().length)).toBe(3);
  await participant.evaluate((id) => window.madang!.deleteRecordsUnchecked([id]), own!);
  await expect.poll(() => texts(facilitator)).toEqual(['가로등이 어둡다', '차가 빠르다']);
  await facilitator.context().close();
  await participant.context().close();
});

test('the facilitator switches the room to view-only: the participant is told, and what they change anyway is undone', async ({ browser, host }) => {
  const { facilitator, participant } = await roomWithParticipant(browser, host.url, 'en-US');
  const addNote = participant.getByRole('button', { name: 'Add note', exact: true });
  await expect(addNote).toHaveCount(1);
  await facilitator.getByRole('checkbox', { name: 'Participants view only' }).check();
  await expect(participant.getByText('The facilitator made the board view-only.')).toBeVisible();
  // The toolbar offers no way to add; a modified client's deletion is undone.
  await expect(addNote).toHaveCount(0);
  const ids = await participant.evaluate(() => window.madang!.notes().map((n) => n.id));
  await participant.evaluate((ids) => window.madang!.deleteRecordsUnchecked(ids.slice(0, 1)), ids);
  await expect.poll(() => texts(participant)).toEqual(['가로등이 어둡다', '차가 빠르다']);
  await expect(participant.getByRole('status').filter({ hasText: 'Your last change was undone' })).toContainText('view-only');

  await facilitator.getByRole('checkbox', { name: 'Participants view only' }).uncheck();
  await expect(participant.getByText('The facilitator made the board view-only.')).toHaveCount(0);
  await expect(addNote).toHaveCount(1);
  await facilitator.context().close();
  await participant.context().close();
});
