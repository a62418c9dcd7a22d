// A facilitator runs the ready-made problem-redefinition agenda with two participants in their own
// browsers: everyone is brought to each step's frame and sees its prompt, participants add to the
// templates from the keyboard, the content reads back as typed records, and a participant cannot
// move the room to another step.
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from '@playwright/test';
import { test, expect, openApp } from './support/fixtures';

async function open(browser: Browser, url: string, locale: string, viewport = { width: 1400, height: 900 }): Promise<Page> {
  const context = await browser.newContext({ locale, viewport });
  return openApp(await context.newPage(), url);
}

/** Whether the centre of a record is on this screen's canvas. */
async function showsRecord(page: Page, id: string): Promise<boolean> {
  return page.evaluate((id) => {
    const view = window.madang!.view();
    const frames = window.madang!.workshop.records('frame') as Array<{ id: string; geometry: { x: number; y: number; w: number; h: number } }>;
    const record = frames.find((r) => r.id === id);
    if (!view || !record) return false;
    const seen = view.visibleRect();
    const cx = record.geometry.x + record.geometry.w / 2;
    const cy = record.geometry.y + record.geometry.h / 2;
    return cx > seen.x && cx < seen.x + seen.w && cy > seen.y && cy < seen.y + seen.h;
  }, id);
}

async function axe(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa']).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

test('a facilitator runs the problem-redefinition agenda with two participants, whose work reads back as records', async ({ browser, host }) => {
  // Three browsers and a whole agenda: more than the default minute on a busy two-core machine.
  test.setTimeout(150_000);
  const facilitator = await open(browser, host.url, 'ko-KR');
  await facilitator.getByLabel('세션 이름').fill('버스 문제 다시 보기');
  await facilitator.getByRole('button', { name: '만들기' }).click();
  await facilitator.getByRole('button', { name: '방 열기' }).click();
  await expect(facilitator.getByTestId('join-url')).toBeVisible();
  const room = (await facilitator.evaluate(() => window.madang!.room()))!;
  const ana = await open(browser, room.joinUrl, 'ko-KR');
  const ben = await open(browser, room.joinUrl, 'en-US');
  await expect.poll(() => facilitator.evaluate(() => window.madang!.peers().length)).toBe(3);

  // The facilitator picks the ready-made agenda from the agenda panel.
  await facilitator.getByRole('button', { name: '진행 순서', exact: true }).click();
  const agenda = facilitator.getByRole('region', { name: '진행 순서', exact: true });
  await agenda.getByLabel('준비된 순서 고르기').selectOption({ label: '문제 다시 정의하기' });
  await agenda.getByRole('button', { name: '이 순서 쓰기' }).click();
  await expect(agenda.getByRole('listitem')).toHaveCount(6);
  await expect(ana.getByTestId('step-bar')).toContainText('진행자가 첫 단계를 시작하면');
  // Participants get no controls to move the room.
  await expect(ana.getByRole('button', { name: '첫 단계 시작' })).toHaveCount(0);
  await expect(ben.getByRole('region', { name: 'Agenda', exact: true })).toHaveCount(0);

  await facilitator.getByRole('button', { name: '첫 단계 시작' }).click();
  for (const page of [facilitator, ana]) await expect(page.getByTestId('step-title')).toHaveText('문제 나무');
  await expect(ana.getByTestId('step-prompt')).toContainText('가운데에 핵심 문제를 적고');
  const treeFrame = (await facilitator.evaluate(() => window.madang!.workshop.agenda().steps[0]!.frameId))!;
  for (const page of [facilitator, ana, ben]) await expect.poll(() => showsRecord(page, treeFrame)).toBe(true);

  // Participants add to the problem tree from the keyboard, choosing the zone by name.
  await ana.getByLabel('넣을 곳').selectOption({ label: '핵심 문제' });
  await ana.getByLabel('메모 내용').fill('마을버스가 한 시간에 한 번 온다');
  await ana.getByLabel('메모 내용').press('Enter');
  await expect(ana.getByTestId('step-bar').getByRole('status').last()).toHaveText('핵심 문제에 메모를 넣었습니다.');
  await ben.getByLabel('Where').selectOption({ label: 'Causes: why it happens' });
  await ben.getByLabel('Note text').fill('운전기사가 부족하다');
  await ben.getByRole('button', { name: 'Add to template' }).click();
  await ana.getByLabel('넣을 곳').selectOption({ label: '결과: 그래서 생기는 일' });
  await ana.getByLabel('메모 내용').fill('어르신이 병원에 못 간다');
  await ana.getByLabel('메모 내용').press('Enter');
  await expect.poll(() => facilitator.evaluate(() => {
    const [tree] = window.madang!.workshop.records('problemTree') as Array<{ core: Array<{ text: string }>; causes: Array<{ text: string }>; effects: Array<{ text: string }> }>;
    return tree ? { core: tree.core.map((n) => n.text), causes: tree.causes.map((n) => n.text), effects: tree.effects.map((n) => n.text) } : null;
  })).toEqual({ core: ['마을버스가 한 시간에 한 번 온다'], causes: ['운전기사가 부족하다'], effects: ['어르신이 병원에 못 간다'] });

  // The outline lists the template by name and each note by its part in it, for keyboard and screen-reader users.
  await ben.getByRole('button', { name: 'Show outline' }).click();
  const outline = ben.getByRole('tree');
  await expect(outline.getByRole('treeitem', { name: /^Problem tree: / })).toHaveCount(1);
  await expect(outline.getByRole('treeitem', { name: /^Causes: why it happens: Note: 운전기사가 부족하다/ })).toHaveCount(1);

  // A participant cannot move the step, through the app or its automation API.
  expect(await ana.evaluate(() => window.madang!.workshop.goToStep(3))).toBe(false);
  expect(await ana.evaluate(() => window.madang!.workshop.setAgenda('problem-identification'))).toBe(false);
  await expect.poll(() => facilitator.evaluate(() => window.madang!.workshop.step())).toBe(0);

  // Next: five whys, then the HMW questions.
  await facilitator.getByRole('button', { name: '다음 단계' }).click();
  await expect(ana.getByTestId('step-title')).toHaveText('왜? 다섯 번');
  await facilitator.getByRole('button', { name: '다음 단계' }).click();
  await expect(ana.getByTestId('step-title')).toHaveText('어떻게 하면 질문');
  await expect(ben.getByTestId('step-title')).toHaveText('어떻게 하면 질문');
  const hmwFrame = (await facilitator.evaluate(() => window.madang!.workshop.agenda().steps[2]!.frameId))!;
  await expect.poll(() => showsRecord(ben, hmwFrame)).toBe(true);
  await ben.getByLabel('Note text').fill('어떻게 하면 기사님을 더 모실 수 있을까?');
  await ben.getByLabel('Note text').press('Enter');
  await expect.poll(() => ana.evaluate(() => (window.madang!.workshop.records('hmw') as Array<{ questions: Array<{ text: string }> }>).flatMap((h) => h.questions.map((q) => q.text))))
    .toEqual(['어떻게 하면 기사님을 더 모실 수 있을까?']);
  // The first step's frame kept its content.
  expect(await ana.evaluate(() => (window.madang!.workshop.records('problemTree') as Array<{ causes: unknown[] }>)[0]!.causes.length)).toBe(1);

  await axe(facilitator);
  await axe(ben);
  for (const page of [facilitator, ana, ben]) await page.context().close();
});

test('the facilitator edits, reorders and saves an agenda of their own, and the room follows the reordered step', async ({ browser, host }) => {
  const page = await open(browser, host.url, 'en-US');
  await page.getByLabel('Session name').fill('Own agenda');
  await page.getByRole('button', { name: 'Create' }).click();
  await page.getByRole('button', { name: 'Agenda', exact: true }).click();
  const agenda = page.getByRole('region', { name: 'Agenda', exact: true });
  await agenda.getByRole('button', { name: 'Add step' }).click();
  await agenda.getByRole('button', { name: 'Add step' }).click();
  await agenda.getByRole('button', { name: 'Edit New step' }).first().click();
  await agenda.getByLabel('Step name').fill('Problem tree first');
  await agenda.getByLabel('Template').selectOption({ label: 'Problem tree' });
  await agenda.getByRole('button', { name: 'Done editing' }).click();
  await agenda.getByRole('button', { name: 'Move Problem tree first down' }).click();
  await expect(agenda.getByRole('listitem').nth(1)).toContainText('Problem tree first');
  await agenda.getByRole('button', { name: 'Go to Problem tree first' }).click();
  await expect(page.getByTestId('step-title')).toHaveText('Problem tree first');
  expect(await page.evaluate(() => window.madang!.workshop.step())).toBe(1);
  await agenda.getByLabel('Agenda name').fill('Our Tuesday agenda');
  await agenda.getByRole('button', { name: 'Save as my agenda' }).click();
  await expect(agenda.getByRole('status')).toHaveText('Saved the agenda “Our Tuesday agenda”.');
  // Saved agendas are offered on the next board.
  await page.reload();
  await page.evaluate(() => window.madang!.ready);
  await page.getByRole('button', { name: 'Agenda', exact: true }).click();
  await expect(page.getByLabel('Pick a ready-made agenda').locator('option', { hasText: 'Our Tuesday agenda' })).toHaveCount(1);
  await page.context().close();
});
