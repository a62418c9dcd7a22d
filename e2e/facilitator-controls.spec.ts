// The facilitator's controls with real authority (issue 11): a facilitator and participants in
// separate browser contexts. What only the facilitator may do fails for a participant on every
// screen; ballots and private notes reach other devices only at the reveal; following moves a
// participant's view; the controls work from the keyboard and pass axe.
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from '@playwright/test';
import { test, expect, openApp } from './support/fixtures';

async function open(browser: Browser, url: string, locale = 'ko-KR', viewport = { width: 1400, height: 900 }): Promise<Page> {
  const context = await browser.newContext({ locale, viewport });
  return openApp(await context.newPage(), url);
}

/** A facilitator with an open room and three notes, and `count` participants who joined with its code. */
async function room(browser: Browser, hostUrl: string, count: number, locale = 'ko-KR') {
  const facilitator = await open(browser, hostUrl, locale);
  const en = locale.startsWith('en');
  await facilitator.getByLabel(en ? 'Session name' : '세션 이름').fill(en ? 'Safer alleys' : '골목 안전 워크숍');
  await facilitator.getByRole('button', { name: en ? 'Create' : '만들기' }).click();
  await facilitator.getByRole('button', { name: en ? 'Open room' : '방 열기' }).click();
  await expect(facilitator.getByTestId('join-url')).toBeVisible();
  const joinUrl = (await facilitator.evaluate(() => window.madang!.room()))!.joinUrl;
  await facilitator.evaluate(() => window.madang!.addNotes([
    { text: '가로등이 어둡다', x: 0, y: 0 },
    { text: '차가 빠르다', x: 240, y: 0 },
    { text: '쓰레기통이 없다', x: 480, y: 0 },
  ]));
  const participants: Page[] = [];
  for (let i = 0; i < count; i++) {
    const page = await open(browser, joinUrl, locale);
    await expect.poll(() => page.evaluate(() => window.madang!.notes().length)).toBe(3);
    participants.push(page);
  }
  const close = async () => {
    for (const page of [facilitator, ...participants]) await page.context().close();
  };
  return { facilitator, participants, close };
}

const noteId = (page: Page, text: string) => page.evaluate((text) => window.madang!.notes().find((n) => n.text === text)!.id, text);
const texts = (page: Page) => page.evaluate(() => window.madang!.notes().map((n) => n.text));

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa']).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target.join(' ')) }));
}

test('a participant cannot start or stop the timer, open or reveal a vote, or end private mode', async ({ browser, host }) => {
  const { facilitator, participants: [alice = facilitator], close } = await room(browser, host.url, 1);
  // No controls on the participant's screen…
  await expect(alice.getByRole('button', { name: '타이머 시작' })).toHaveCount(0);
  // …and the calls a modified page could make change nothing.
  expect(await alice.evaluate(() => window.madang!.workshop.startTimer(60))).toBe(false);
  expect(await alice.evaluate(() => window.madang!.workshop.openVote({ budget: 3 }))).toBe(false);
  expect(await alice.evaluate(() => window.madang!.workshop.setPrivate(true))).toBe(false);
  expect(await facilitator.evaluate(() => window.madang!.workshop.timer())).toBeNull();

  expect(await facilitator.evaluate(() => window.madang!.workshop.startTimer(300))).toBe(true);
  await expect(alice.getByTestId('timer')).toBeVisible();
  expect(await alice.evaluate(() => window.madang!.workshop.pauseTimer())).toBe(false);
  expect(await facilitator.evaluate(() => window.madang!.workshop.openVote({ budget: 2 }))).toBe(true);
  await expect.poll(() => alice.evaluate(() => window.madang!.workshop.results())).toBeNull();
  expect(await alice.evaluate(() => window.madang!.workshop.closeVote())).toBe(false);
  expect(await alice.evaluate(() => window.madang!.workshop.revealVote())).toBe(false);
  expect(await facilitator.evaluate(() => window.madang!.workshop.setPrivate(true))).toBe(true);
  await expect(alice.getByText('비공개 모드입니다')).toBeVisible();
  expect(await alice.evaluate(() => window.madang!.workshop.setPrivate(false))).toBe(false);

  // Still as the facilitator left them, on both screens.
  for (const page of [facilitator, alice]) {
    expect(await page.evaluate(() => window.madang!.workshop.timer()?.state)).toBe('running');
  }
  await expect(alice.getByText('비공개 모드입니다')).toBeVisible();
  await expect(facilitator.getByRole('button', { name: '공개하고 끝내기' })).toBeVisible();
  await close();
});

test('a three-person dot vote gives the right ranking, and only after the reveal', async ({ browser, host }) => {
  const { facilitator, participants: [alice = facilitator, bob = facilitator], close } = await room(browser, host.url, 2);
  const dark = await noteId(facilitator, '가로등이 어둡다');
  const fast = await noteId(facilitator, '차가 빠르다');
  const bins = await noteId(facilitator, '쓰레기통이 없다');
  await facilitator.getByLabel('한 사람당 점').fill('3');
  await facilitator.getByRole('button', { name: '투표 시작' }).click();

  // Alice votes from the keyboard: her vote list, a button per note, the dots left.
  await expect(alice.getByTestId('dots-left')).toHaveText('남은 점 3개');
  const addDark = alice.getByRole('button', { name: '"가로등이 어둡다"에 점 찍기' });
  await addDark.focus();
  await alice.keyboard.press('Enter');
  await expect(alice.getByTestId('dots-left')).toHaveText('남은 점 2개');
  await alice.getByRole('button', { name: '"차가 빠르다"에 점 찍기' }).focus();
  await alice.keyboard.press('Enter');
  await expect(alice.getByTestId('dots-left')).toHaveText('남은 점 1개');
  await alice.keyboard.press('Enter');
  await expect(alice.getByTestId('dots-left')).toHaveText('남은 점 0개');
  // Out of dots: the host would refuse one more.
  expect(await alice.evaluate((id) => window.madang!.workshop.castVote(id), bins)).toBe(false);
  // She changes her mind once (until the vote closes).
  await alice.getByRole('button', { name: '"차가 빠르다"에서 점 빼기' }).click();
  await expect(alice.getByTestId('dots-left')).toHaveText('남은 점 1개');
  await alice.getByRole('button', { name: '"쓰레기통이 없다"에 점 찍기' }).click();
  await expect(alice.getByTestId('dots-left')).toHaveText('남은 점 0개');

  // Bob votes from the outline: V on a focused note puts a dot on it, Shift+V takes one back.
  await bob.getByRole('button', { name: '개요 보기' }).click();
  const bobTree = bob.getByTestId('outline').getByRole('tree');
  await bobTree.getByRole('treeitem', { name: /차가 빠르다/ }).focus();
  await bob.keyboard.press('v');
  await expect(bob.getByTestId('dots-left')).toHaveText('남은 점 2개');
  await bob.keyboard.press('v');
  await bob.keyboard.press('v');
  await expect(bob.getByTestId('dots-left')).toHaveText('남은 점 0개');
  await bob.keyboard.press('Shift+V');
  await expect(bob.getByTestId('dots-left')).toHaveText('남은 점 1개');
  await bobTree.getByRole('treeitem', { name: /쓰레기통이 없다/ }).focus();
  await bob.keyboard.press('v');
  await expect(bob.getByTestId('dots-left')).toHaveText('남은 점 0개');
  for (const id of [fast, bins]) expect(await facilitator.evaluate((id) => window.madang!.workshop.castVote(id), id)).toBe(true);

  // Before the reveal: only the facilitator reads counts; no participant's screen shows any.
  await expect.poll(() => facilitator.evaluate(() => window.madang!.workshop.results())).toEqual([
    { recordId: fast, count: 4 }, { recordId: bins, count: 3 }, { recordId: dark, count: 1 },
  ].sort((a, b) => b.count - a.count));
  for (const page of [alice, bob]) {
    expect(await page.evaluate(() => window.madang!.workshop.results())).toBeNull();
    await expect(page.getByTestId('vote-results')).toHaveCount(0);
  }

  await facilitator.getByRole('button', { name: '투표 마감' }).click();
  await expect(alice.getByText('진행자가 결과를 공개할 때까지 기다려 주세요.')).toBeVisible();
  expect(await alice.evaluate((id) => window.madang!.workshop.uncastVote(id), dark)).toBe(false);
  await facilitator.getByRole('button', { name: '결과 공개' }).click();
  for (const page of [alice, bob, facilitator]) {
    await expect(page.getByTestId('vote-results').first().getByRole('listitem')).toHaveText(['차가 빠르다 (점 4개)', '쓰레기통이 없다 (점 3개)', '가로등이 어둡다 (점 1개)']);
    expect(await page.evaluate(() => window.madang!.workshop.results())).toEqual([
      { recordId: fast, count: 4 }, { recordId: bins, count: 3 }, { recordId: dark, count: 1 },
    ]);
  }
  await close();
});

test('private notes stay hidden from the other participant until the reveal', async ({ browser, host }) => {
  const { facilitator, participants: [alice = facilitator, bob = facilitator], close } = await room(browser, host.url, 2);
  await facilitator.getByRole('button', { name: '비공개 모드 시작' }).click();
  await expect(alice.getByText('비공개 모드입니다')).toBeVisible();
  // While it is on, the canvas offers participants no way to add to the board.
  await expect(alice.getByRole('button', { name: '메모 추가', exact: true })).toHaveCount(0);

  await alice.getByRole('textbox', { name: '비공개 메모' }).fill('밤에 골목이 무섭다');
  await alice.getByRole('button', { name: '비공개 메모 추가' }).click();
  await expect(alice.getByTestId('private-notes').getByRole('listitem')).toHaveText(['밤에 골목이 무섭다']);

  // Bob has everything the room said after Alice's note (a later edit arrived), and not her note.
  await facilitator.evaluate(() => window.madang!.addNotes([{ text: '표시', x: 0, y: 600 }]));
  await expect.poll(() => texts(bob)).toContain('표시');
  for (const page of [bob, facilitator, alice]) expect(await texts(page)).not.toContain('밤에 골목이 무섭다');
  expect(await bob.evaluate(() => window.madang!.workshop.privateNotes())).toEqual([]);

  await facilitator.getByRole('button', { name: '공개하고 끝내기' }).click();
  await expect.poll(() => texts(bob)).toContain('밤에 골목이 무섭다');
  await expect(alice.getByText('비공개 모드입니다')).toHaveCount(0);
  await close();
});

test('follow moves the participant\'s view to the facilitator\'s', async ({ browser, host }) => {
  const { facilitator, participants: [alice = facilitator], close } = await room(browser, host.url, 1);
  await facilitator.evaluate(() => window.madang!.addNotes([{ text: '멀리 있는 메모', x: 20_000, y: 15_000 }]));
  await expect.poll(() => alice.evaluate(() => window.madang!.notes().length)).toBe(4);
  const centre = (r: { x: number; y: number; w: number; h: number }) => ({ x: Math.round(r.x + r.w / 2), y: Math.round(r.y + r.h / 2) });
  await facilitator.evaluate(() => window.madang!.view()!.showRect({ x: 19_800, y: 14_800, w: 800, h: 600 }));
  const target = centre(await facilitator.evaluate(() => window.madang!.view()!.visibleRect()));
  expect(centre(await alice.evaluate(() => window.madang!.view()!.visibleRect()))).not.toEqual(target);

  await facilitator.getByRole('button', { name: '모두 여기로 데려오기' }).click();
  await expect.poll(async () => centre(await alice.evaluate(() => window.madang!.view()!.visibleRect()))).toEqual(target);

  // "Follow me": the participant's view goes where the facilitator's goes, until they stop following.
  await facilitator.getByRole('button', { name: '모두 나를 따라오기' }).click();
  await expect(alice.getByText('진행자의 화면을 따라가고 있습니다.')).toBeVisible();
  await facilitator.evaluate(() => window.madang!.view()!.showRect({ x: 0, y: 0, w: 800, h: 600 }));
  const there = centre(await facilitator.evaluate(() => window.madang!.view()!.visibleRect()));
  await expect.poll(async () => centre(await alice.evaluate(() => window.madang!.view()!.visibleRect()))).toEqual(there);
  await alice.getByRole('button', { name: '따라가지 않기' }).click();
  await facilitator.evaluate(() => window.madang!.view()!.showRect({ x: 19_800, y: 14_800, w: 800, h: 600 }));
  // Alice's screen has the facilitator's new view, and, no longer following, stays where she was.
  await expect.poll(() => alice.evaluate(() => window.madang!.workshop.follow()?.rect.x ?? 0)).toBeGreaterThan(10_000);
  expect(centre(await alice.evaluate(() => window.madang!.view()!.visibleRect()))).toEqual(there);
  await close();
});

test('the controls are reachable by keyboard with accessible names, and pass axe on both screens', async ({ browser, host }) => {
  const { facilitator, participants: [alice = facilitator], close } = await room(browser, host.url, 1, 'en-US');
  const panel = facilitator.getByRole('region', { name: 'Facilitation' });
  // From the minutes field, Tab reaches "Start timer"; Enter starts it for everyone.
  await panel.getByLabel('Minutes').fill('2');
  await panel.getByLabel('Minutes').focus();
  await facilitator.keyboard.press('Tab');
  await expect(panel.getByRole('button', { name: 'Start timer' })).toBeFocused();
  await facilitator.keyboard.press('Enter');
  await expect(alice.getByRole('timer')).toHaveAccessibleName(/^Time left 1:5\d|^Time left 2:00$/);
  await panel.getByRole('button', { name: 'Pause' }).press('Enter');
  await expect(alice.getByRole('timer')).toHaveAccessibleName(/^Paused/);
  for (const name of ['Resume', 'Add 1 minute', 'Turn timer off', 'Start vote', 'Start private mode', 'Everyone follows me', 'Bring everyone here', 'Spotlight frame']) {
    await expect(panel.getByRole('button', { name })).toHaveCount(1);
  }
  for (const name of ['Dots per person', 'Allow several dots on one item', 'Keep authors hidden after the reveal', 'Notes', 'Frames']) {
    await expect(panel.getByLabel(name, { exact: true })).toHaveCount(1);
  }
  await panel.getByRole('button', { name: 'Start vote' }).press('Enter');
  await expect(alice.getByRole('button', { name: 'Add a dot to "가로등이 어둡다"' })).toBeVisible();
  await panel.getByRole('button', { name: 'Start private mode' }).press('Enter');
  await expect(alice.getByRole('textbox', { name: 'Private note' })).toBeVisible();
  await expect(alice.getByRole('button', { name: 'I\'m done' })).toBeVisible();
  await alice.getByRole('button', { name: 'I\'m done' }).press('Enter');
  await expect(facilitator.getByTestId('done-count')).toHaveText('1 of 1 done');
  // The facilitator gives a role from the people list.
  await expect(facilitator.getByRole('combobox', { name: /^Role of / })).toHaveCount(1);

  expect(await seriousViolations(facilitator)).toEqual([]);
  expect(await seriousViolations(alice)).toEqual([]);
  await close();
});

test('a facilitator runs a problem-redefinition workshop from the ready-made agenda: step timer, private round, dot vote with reveal, follow', async ({ browser, host }) => {
  const { facilitator, participants: [ana = facilitator, ben = facilitator], close } = await room(browser, host.url, 2);
  expect(await facilitator.evaluate(() => window.madang!.workshop.setAgenda('problem-redefinition'))).toBe(true);
  expect(await facilitator.evaluate(() => window.madang!.workshop.goToStep(0))).toBe(true);
  const minutes = await facilitator.evaluate(() => window.madang!.workshop.agenda().steps[0]!.minutes);
  const panel = facilitator.getByRole('region', { name: '진행 도구' });

  // The step's time box, for everyone.
  await panel.getByRole('button', { name: `이 단계 시간(${minutes}분)으로 시작` }).click();
  for (const page of [ana, ben]) await expect(page.getByRole('timer')).toHaveAccessibleName(new RegExp(`^남은 시간 ${minutes - 1}:5\\d|^남은 시간 ${minutes}:00$`));

  // A private round: each writes alone, then everything is revealed at once.
  await panel.getByRole('button', { name: '비공개 모드 시작' }).click();
  await ana.getByRole('textbox', { name: '비공개 메모' }).fill('버스 배차 간격이 길다');
  await ana.getByRole('button', { name: '비공개 메모 추가' }).click();
  await ben.getByRole('textbox', { name: '비공개 메모' }).fill('정류장에 안내판이 없다');
  await ben.getByRole('button', { name: '비공개 메모 추가' }).click();
  await expect(ben.getByTestId('private-notes').getByRole('listitem')).toHaveCount(1);
  expect(await texts(ana)).not.toContain('정류장에 안내판이 없다');
  await panel.getByRole('button', { name: '공개하고 끝내기' }).click();
  for (const page of [facilitator, ana, ben]) {
    await expect.poll(() => texts(page)).toEqual(expect.arrayContaining(['버스 배차 간격이 길다', '정류장에 안내판이 없다']));
  }

  // A dot vote on what is on the board now, revealed by the facilitator.
  await panel.getByLabel('한 사람당 점').fill('2');
  await panel.getByRole('button', { name: '투표 시작' }).click();
  await ana.getByRole('button', { name: '"버스 배차 간격이 길다"에 점 찍기' }).click();
  await expect(ana.getByTestId('dots-left')).toHaveText('남은 점 1개');
  await ana.getByRole('button', { name: '"버스 배차 간격이 길다"에 점 찍기' }).click();
  await expect(ana.getByTestId('dots-left')).toHaveText('남은 점 0개');
  await ben.getByRole('button', { name: '"정류장에 안내판이 없다"에 점 찍기' }).click();
  await expect(ben.getByTestId('dots-left')).toHaveText('남은 점 1개');
  await panel.getByRole('button', { name: '결과 공개' }).click();
  for (const page of [ana, ben]) {
    await expect(page.getByTestId('vote-results').getByRole('listitem')).toHaveText(['버스 배차 간격이 길다 (점 2개)', '정류장에 안내판이 없다 (점 1개)']);
  }

  // Everyone looks where the facilitator looks.
  const frame = (await facilitator.evaluate(() => window.madang!.workshop.agenda().steps[0]!.frameId))!;
  await panel.getByLabel('집중할 프레임').selectOption(frame);
  await panel.getByRole('button', { name: '프레임 집중' }).click();
  const centre = (r: { x: number; y: number; w: number; h: number }) => ({ x: Math.round(r.x + r.w / 2), y: Math.round(r.y + r.h / 2) });
  const target = centre(await facilitator.evaluate(() => window.madang!.view()!.visibleRect()));
  for (const page of [ana, ben]) await expect.poll(async () => centre(await page.evaluate(() => window.madang!.view()!.visibleRect()))).toEqual(target);
  await close();
});

test('the facilitator makes a participant an observer from the people list, and the shared screen presents without chrome', async ({ browser, host }) => {
  const { facilitator, participants: [olga = facilitator], close } = await room(browser, host.url, 1, 'en-US');
  await facilitator.getByRole('combobox', { name: /^Role of / }).selectOption({ label: 'Observer' });
  await expect(olga.getByText('You are observing: you can see the board but not change it.')).toBeVisible();
  await expect(olga.getByRole('button', { name: 'I\'m done' })).toHaveCount(0);

  const joinUrl = (await facilitator.evaluate(() => window.madang!.room()))!.joinUrl;
  const screenUrl = new URL(joinUrl);
  screenUrl.searchParams.set('present', '1');
  const screen = await open(browser, screenUrl.toString(), 'en-US');
  await expect.poll(() => screen.evaluate(() => window.madang!.notes().length)).toBe(3);
  await expect(screen.getByRole('toolbar')).toBeHidden();
  await facilitator.evaluate(() => window.madang!.workshop.startTimer(120));
  await expect(screen.getByRole('timer')).toBeVisible();
  await facilitator.evaluate(() => window.madang!.view()!.showRect({ x: 5_000, y: 5_000, w: 800, h: 600 }));
  await facilitator.getByRole('button', { name: 'Everyone follows me' }).click();
  const centre = (r: { x: number; y: number; w: number; h: number }) => ({ x: Math.round(r.x + r.w / 2), y: Math.round(r.y + r.h / 2) });
  const target = centre(await facilitator.evaluate(() => window.madang!.view()!.visibleRect()));
  await expect.poll(async () => centre(await screen.evaluate(() => window.madang!.view()!.visibleRect()))).toEqual(target);
  await screen.context().close();
  await close();
});
