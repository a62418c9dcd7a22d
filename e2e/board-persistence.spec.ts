// Board persistence in the browser served by the host: reload keeps the board, closing the tab
// right after an edit keeps the edit, a .madang file round-trips into a new session, a damaged
// file changes nothing, and a saved version can be restored.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect, automationUrl, appReady, newSession } from './support/fixtures';

type Note = { text: string; x: number; y: number };

// Korean UI, whatever the machine's locale: the labels below are the Korean source strings.
test.use({ locale: 'ko-KR' });

const notesOf = (page: Page) =>
  page.evaluate(() =>
    window.madang!.notes()
      .map(({ text, x, y }) => ({ text, x, y }))
      .sort((a, b) => a.text.localeCompare(b.text)),
  );

const sorted = (notes: Note[]) => [...notes].sort((a, b) => a.text.localeCompare(b.text));

const addNotes = (page: Page, notes: Note[]) => page.evaluate((list) => window.madang!.addNotes(list), notes);

test('notes survive a reload', async ({ page, host }) => {
  await newSession(page, host.url, '새로고침 워크숍');
  const notes = [
    { text: '골목길이 밤에 어두워요', x: 0, y: 0 },
    { text: '버스 정류장에 쉴 곳이 없어요', x: 200, y: 0 },
    { text: '횡단보도 신호가 짧아요', x: 400, y: 150 },
  ];
  await addNotes(page, notes);
  await expect.poll(() => notesOf(page)).toEqual(sorted(notes));
  await page.reload();
  await appReady(page);
  await expect.poll(() => notesOf(page)).toEqual(sorted(notes));
});

test('an edit made just before the tab closes is there when it is opened again', async ({ page, context, host }) => {
  await newSession(page, host.url, '바로 닫기 워크숍');
  const url = page.url();
  await addNotes(page, [{ text: '처음 메모', x: 0, y: 0 }]);
  await expect.poll(() => notesOf(page)).toHaveLength(1);
  // No waiting for the batch timer: the page goes away right after the edit.
  await addNotes(page, [{ text: '닫기 직전 메모', x: 300, y: 100 }]);
  await page.close({ runBeforeUnload: true });

  const again = await context.newPage();
  await again.goto(url);
  await appReady(again);
  await expect.poll(() => notesOf(again)).toEqual(sorted([
    { text: '처음 메모', x: 0, y: 0 },
    { text: '닫기 직전 메모', x: 300, y: 100 },
  ]));
});

test('an edit made in the same moment as leaving the page is there on return', async ({ page, host }) => {
  await newSession(page, host.url, '바로 떠나기 워크숍');
  const url = page.url();
  // The edit and the navigation happen in one task: the batch timer never gets to run, so only
  // the write started by pagehide/beforeunload can keep the note.
  await page.evaluate(() => {
    window.madang!.addNotes([{ text: '떠나기 직전 메모', x: 40, y: 40 }]);
    window.location.href = 'about:blank';
  });
  await page.waitForURL('about:blank');
  await page.goto(url);
  await appReady(page);
  await expect.poll(() => notesOf(page)).toEqual([{ text: '떠나기 직전 메모', x: 40, y: 40 }]);
});

test('a board exported as .madang imports into a new session with the same notes', async ({ page, host }) => {
  const title = '내보내기 워크숍';
  const original = await newSession(page, host.url, title);
  const notes = [
    { text: '문제: 하천 산책로가 미끄러워요', x: 10, y: 20 },
    { text: '아이디어: 주민 순찰', x: 250, y: 20 },
  ];
  await addNotes(page, notes);
  await expect.poll(() => notesOf(page)).toEqual(sorted(notes));

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '보드 내보내기' }).click()]);
  expect(download.suggestedFilename()).toBe(`${title}.madang`);
  const path = await download.path();
  const bytes = readFileSync(path);
  expect(bytes.byteLength).toBeGreaterThan(0);

  await page.locator('input[type="file"][accept=".madang"]').setInputFiles({ name: `${title}.madang`, mimeType: 'application/octet-stream', buffer: bytes });
  await expect.poll(() => page.evaluate(() => window.madang!.sessionId())).not.toBe(original);
  await expect.poll(() => notesOf(page)).toEqual(sorted(notes));
  await expect(page.getByRole('alert')).toHaveCount(0);

  // The original session is untouched and still opens.
  await page.goto(`${automationUrl(host.url).split('#')[0]}#/session/${original}`);
  await appReady(page);
  await expect.poll(() => notesOf(page)).toEqual(sorted(notes));
});

test('a damaged or foreign file shows a translated error and changes nothing', async ({ page, host }) => {
  const session = await newSession(page, host.url, '손상 파일 워크숍');
  await addNotes(page, [{ text: '그대로 있어야 할 메모', x: 0, y: 0 }]);
  await expect.poll(() => notesOf(page)).toHaveLength(1);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '보드 내보내기' }).click()]);
  const good = readFileSync(await download.path());
  const input = page.locator('input[type="file"][accept=".madang"]');

  await input.setInputFiles({ name: 'broken.madang', mimeType: 'application/octet-stream', buffer: good.subarray(0, Math.floor(good.length * 0.6)) });
  await expect(page.getByRole('alert').filter({ hasText: '파일이 손상되어 열 수 없습니다. 아무것도 바뀌지 않았습니다.' })).toBeVisible();

  await input.setInputFiles({ name: 'photo.madang', mimeType: 'image/png', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]) });
  await expect(page.getByRole('alert').filter({ hasText: '마당 보드 파일(.madang)이 아닙니다.' })).toBeVisible();

  expect(await page.evaluate(() => window.madang!.sessionId())).toBe(session);
  expect(await notesOf(page)).toEqual([{ text: '그대로 있어야 할 메모', x: 0, y: 0 }]);
  await page.getByRole('button', { name: /세션 목록/ }).click();
  await expect(page.getByRole('button', { name: /손상 파일 워크숍/ })).toHaveCount(1);
});

test('a saved version can be restored after a confirmation, and the restore is stored', async ({ page, host }) => {
  await newSession(page, host.url, '버전 기록 워크숍');
  await addNotes(page, [{ text: '첫 단계 메모', x: 0, y: 0 }]);
  await expect.poll(() => notesOf(page)).toHaveLength(1);
  await page.getByLabel('버전 이름 (선택)').fill('첫 단계 끝');
  await page.getByRole('button', { name: '버전 저장' }).click();
  await expect(page.getByRole('status').filter({ hasText: '지금 상태를 버전으로 저장했습니다.' })).toBeVisible();

  await addNotes(page, [{ text: '나중 메모', x: 200, y: 0 }]);
  await expect.poll(() => notesOf(page)).toHaveLength(2);
  await page.getByRole('button', { name: /^첫 단계 끝 \(.+\) 복원$/ }).click();
  const dialog = page.getByRole('dialog', { name: '이 버전으로 되돌릴까요?' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: '취소' })).toBeFocused();
  await dialog.getByRole('button', { name: '복원하기' }).click();
  await expect(dialog).toBeHidden();
  await expect.poll(() => notesOf(page)).toEqual([{ text: '첫 단계 메모', x: 0, y: 0 }]);
  // Named after the version restored, never the same as it.
  await expect(page.getByText('“첫 단계 끝” 복원 직전')).toBeVisible();

  await page.reload();
  await appReady(page);
  await expect.poll(() => notesOf(page)).toEqual([{ text: '첫 단계 메모', x: 0, y: 0 }]);
});
