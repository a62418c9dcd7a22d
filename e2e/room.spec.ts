import type { Browser, Page } from '@playwright/test';
import { test, expect, openApp } from './support/fixtures';

async function participant(browser: Browser, url: string, locale = 'ko-KR'): Promise<Page> {
  const context = await browser.newContext({ locale });
  return openApp(await context.newPage(), url);
}

test('two browsers open the join URL and each sees the other through the signaling server', async ({ browser, host }) => {
  const alice = await participant(browser, host.joinUrl);
  const bob = await participant(browser, host.joinUrl);

  // Both landed on the room's board with generated anonymous names.
  for (const page of [alice, bob]) {
    await expect(page.getByTestId('presence-list').getByRole('listitem')).toHaveCount(2);
    await expect(page.getByTestId('connection-status')).toHaveText(/연결됨 · 방에 2명/);
  }
  const aliceSelf = (await alice.evaluate(() => window.madang!.peers())).find((p) => p.self)!;
  const bobSees = await bob.evaluate(() => window.madang!.peers());
  expect(bobSees.map((p) => p.name)).toContain(aliceSelf.name);
  expect(aliceSelf.name).toMatch(/^익명 /);
  expect(await alice.evaluate(() => window.madang!.sessionId())).toBe(await bob.evaluate(() => window.madang!.sessionId()));

  // Closing the tab is seen by the others.
  await bob.close({ runBeforeUnload: true });
  await expect(alice.getByTestId('presence-list').getByRole('listitem')).toHaveCount(1);
  await alice.context().close();
});

test('a wrong join code is refused with a translated message, in Korean and in English', async ({ browser, host }) => {
  const wrong = new URL(host.joinUrl);
  wrong.searchParams.set('join', host.joinCode === 'ABCDEF' ? 'ABCDEG' : 'ABCDEF');

  const ko = await participant(browser, wrong.toString(), 'ko-KR');
  await expect(ko.getByRole('alert')).toHaveText('참여 코드가 맞지 않거나 만료되었습니다. 진행자에게 코드를 다시 확인해 주세요.');
  // Correcting the code in the same form gets the person in.
  await ko.getByLabel('참여 코드').fill(host.joinCode.toLowerCase());
  await ko.getByRole('button', { name: '참여하기' }).click();
  await expect(ko.getByTestId('presence-list')).toBeVisible();

  const en = await participant(browser, wrong.toString(), 'en-US');
  await expect(en.getByRole('alert')).toHaveText('This join code is wrong or has expired. Please check the code with the facilitator.');
  await ko.context().close();
  await en.context().close();
});

test('a facilitator creates a session, opens its room, and a participant joins with the shown code', async ({ browser, host }) => {
  const facilitator = await participant(browser, host.url);
  await facilitator.getByLabel('세션 이름').fill('골목 안전 워크숍');
  await facilitator.getByRole('button', { name: '만들기' }).click();
  await expect(facilitator.getByRole('heading', { name: '골목 안전 워크숍' })).toBeVisible();
  await expect(facilitator.getByTestId('connection-status')).toHaveText('이 기기에만 저장');

  await facilitator.getByRole('button', { name: '방 열기' }).click();
  const code = (await facilitator.getByTestId('join-code').textContent())!.replace(/\s/g, '');
  expect(code).toMatch(/^[2-9A-HJ-NP-Z]{6}$/);
  expect(code).not.toBe(host.joinCode);
  await expect(facilitator.getByRole('img', { name: '참여 주소 QR 코드' })).toBeVisible();
  const joinUrl = (await facilitator.getByTestId('join-url').textContent())!;

  // The participant types the code on the home screen, as read off the projector.
  const guest = await participant(browser, new URL('/', joinUrl).toString());
  await guest.getByLabel('참여 코드').fill(`${code.slice(0, 3)} ${code.slice(3)}`.toLowerCase());
  await guest.getByRole('button', { name: '참여하기' }).click();
  await expect(guest.getByRole('heading', { name: '골목 안전 워크숍' })).toBeVisible();
  await expect(guest.getByTestId('presence-list')).toContainText('진행자');
  await expect(facilitator.getByTestId('presence-list').getByRole('listitem')).toHaveCount(2);

  // Reopening the session later gives the same room and code back.
  await facilitator.reload();
  await expect(facilitator.getByTestId('join-code')).toHaveText(`${code.slice(0, 3)} ${code.slice(3)}`);
  await facilitator.context().close();
  await guest.context().close();
});
