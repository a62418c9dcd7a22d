import type { Browser, Page } from '@playwright/test';
import { test, expect, openApp } from './support/fixtures';

async function participant(browser: Browser, url: string, locale = 'ko-KR'): Promise<Page> {
  const context = await browser.newContext({ locale });
  return openApp(await context.newPage(), url);
}

const shown = async (page: Page) => (await page.getByTestId('join-code').textContent())!.replace(/\s/g, '');

test('the facilitator renews the join code: the new one shows at once, people inside stay, the old code lets nobody new in', async ({ browser, host }) => {
  const facilitator = await participant(browser, host.url);
  await facilitator.getByLabel('세션 이름').fill('코드 갱신 워크숍');
  await facilitator.getByRole('button', { name: '만들기' }).click();
  await facilitator.getByRole('button', { name: '방 열기' }).click();
  const oldCode = await shown(facilitator);
  const oldUrl = (await facilitator.getByTestId('join-url').textContent())!;

  const inside = await participant(browser, oldUrl);
  await expect(facilitator.getByTestId('presence-list').getByRole('listitem')).toHaveCount(2);

  await facilitator.getByRole('button', { name: '새 참여 코드 발급' }).click();
  await expect(facilitator.getByTestId('renew-code-confirm')).toContainText('지금 방에 있는 사람은 그대로 연결되어 있고');
  await facilitator.getByRole('button', { name: '새 코드 발급' }).click();
  await expect(facilitator.getByRole('status').filter({ hasText: '새 참여 코드를 발급했습니다' })).toBeVisible();
  const newCode = await shown(facilitator);
  expect(newCode).toMatch(/^[2-9A-HJ-NP-Z]{6}$/);
  expect(newCode).not.toBe(oldCode);
  expect(await facilitator.getByTestId('join-url').textContent()).toContain(newCode);

  // Whoever was inside is still there, and edits still meet.
  await expect(facilitator.getByTestId('presence-list').getByRole('listitem')).toHaveCount(2);
  await inside.evaluate(() => window.madang!.addNotes([{ text: '갱신 뒤에도 연결됨', x: 0, y: 0 }]));
  await expect.poll(() => facilitator.evaluate(() => window.madang!.notes().map((n) => n.text))).toContain('갱신 뒤에도 연결됨');

  // The old code (a photo of the projector) lets nobody new in; the new one does.
  const late = await participant(browser, oldUrl);
  await expect(late.getByRole('alert')).toHaveText('참여 코드가 맞지 않거나 만료되었습니다. 진행자에게 코드를 다시 확인해 주세요.');
  await late.getByLabel('참여 코드').fill(newCode);
  await late.getByRole('button', { name: '참여하기' }).click();
  await expect(late.getByTestId('presence-list')).toBeVisible();
  await expect(facilitator.getByTestId('presence-list').getByRole('listitem')).toHaveCount(3);

  for (const page of [facilitator, inside, late]) await page.context().close();
});
