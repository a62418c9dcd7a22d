// A reopened board is drawn at once from its picture (the plain copy kept with its stored rows)
// while its Y.Doc loads, looks the same as the live board that replaces it, and is never shown
// when it no longer matches what is stored.
import type { Page } from '@playwright/test';
import { test, expect, appReady, newSession } from './support/fixtures';

test.use({ locale: 'ko-KR' });

const PICTURE_LABEL = '이 기기에 마지막으로 저장된 보드 모습 (여는 중)';

/** Notes spread wide enough that the whole board, fitted, is drawn as coloured blocks. */
function spreadNotes(count: number) {
  return Array.from({ length: count }, (_, i) => ({ text: `메모 ${i}`, x: (i % 30) * 900, y: Math.floor(i / 30) * 700 }));
}

/** Records in the stored picture of a board, read from IndexedDB as the app stores it (0: none). */
const storedPictureSize = (page: Page, boardId: string) =>
  page.evaluate(
    (id) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('madang');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const get = db.transaction('boardPictures').objectStore('boardPictures').get(id);
          get.onsuccess = () => {
            db.close();
            resolve((get.result as { records?: unknown[] } | undefined)?.records?.length ?? 0);
          };
          get.onerror = () => reject(get.error);
        };
      }),
    boardId,
  );

/**
 * Keeps the picture's pixels at the moment it is first drawn (the app marks that moment), so
 * they can be compared with the live board's once it has replaced the picture.
 */
async function keepPictureWhenDrawn(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const mark = performance.mark.bind(performance);
    performance.mark = ((name: string, options?: PerformanceMarkOptions) => {
      const entry = mark(name, options);
      if (name === 'madang:board-picture') {
        const canvas = document.querySelector<HTMLCanvasElement>('.board-picture canvas');
        const ctx = canvas?.getContext('2d');
        if (canvas && ctx) (window as unknown as { __picture: ImageData }).__picture = ctx.getImageData(0, 0, canvas.width, canvas.height);
      }
      return entry;
    }) as typeof performance.mark;
  });
}

test('a reopened board is drawn from its picture before it has loaded, and the live board looks the same', async ({ page, host }) => {
  const boardId = await newSession(page, host.url, '그림으로 여는 워크숍');
  const notes = spreadNotes(300);
  await page.evaluate((list) => window.madang!.addNotes(list), notes);
  await expect.poll(() => page.evaluate(() => window.madang!.notes().length)).toBe(notes.length);
  // Stored, then left alone for a moment: the picture follows.
  await expect.poll(() => storedPictureSize(page, boardId), { timeout: 15_000 }).toBe(notes.length);

  await keepPictureWhenDrawn(page);
  await page.reload();
  await appReady(page);
  await expect.poll(() => page.evaluate(() => window.madang!.notes().length)).toBe(notes.length);
  await expect.poll(() => page.evaluate(() => window.madang!.view()?.stats().firstDrawAt ?? null)).not.toBeNull();

  const marks = await page.evaluate(() => {
    const picture = performance.getEntriesByName('madang:board-picture')[0] as PerformanceMark | undefined;
    const live = performance.getEntriesByName('madang:board-first-draw')[0];
    return { picture: picture ? { at: picture.startTime, ...(picture.detail as { items: number; drawn: number }) } : null, liveAt: live?.startTime ?? null };
  });
  expect(marks.picture).toMatchObject({ items: notes.length, drawn: notes.length });
  expect(marks.picture!.at).toBeLessThan(marks.liveAt!);
  // Once the live board has drawn, the picture is gone and the board can be used.
  await expect(page.getByRole('img', { name: PICTURE_LABEL })).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: '보드를 여는 중…' })).toHaveCount(0);

  // The live board's content layer against the picture, pixel by pixel: no jump when one replaces the other.
  const difference = await page.evaluate(() => {
    const picture = (window as unknown as { __picture?: ImageData }).__picture;
    const live = document.querySelector<HTMLCanvasElement>('.board-stage canvas');
    if (!picture || !live) return null;
    if (live.width !== picture.width || live.height !== picture.height) return { size: [live.width, live.height, picture.width, picture.height] };
    const pixels = live.getContext('2d')!.getImageData(0, 0, live.width, live.height).data;
    // Among the pixels either canvas drew on (the notes and the dot grid), how many differ.
    let differing = 0;
    let inked = 0;
    for (let i = 0; i < pixels.length; i += 4) {
      if (pixels[i + 3] === 0 && picture.data[i + 3] === 0) continue;
      inked++;
      const channel = (k: number) => Math.abs(pixels[i + k]! - picture.data[i + k]!);
      if (Math.max(channel(0), channel(1), channel(2), channel(3)) > 16) differing++;
    }
    return { differing: differing / inked, inked: inked / (pixels.length / 4) };
  });
  expect(difference).not.toBeNull();
  expect(difference).not.toHaveProperty('size');
  expect(difference!.inked).toBeGreaterThan(0.02); // the notes are there to compare
  expect(difference!.differing).toBeLessThan(0.01);

  // Back to the session list and into the board again, within the app: drawn from the picture too.
  await page.getByRole('button', { name: /세션 목록/ }).click();
  await page.getByRole('button', { name: /그림으로 여는 워크숍/ }).click();
  await expect.poll(() => page.evaluate(() => performance.getEntriesByName('madang:board-picture').length)).toBe(2);
  await expect.poll(() => page.evaluate(() => window.madang!.notes().length)).toBe(notes.length);
  await expect(page.getByRole('img', { name: PICTURE_LABEL })).toHaveCount(0);
});

test('a picture that no longer matches what is stored is not shown', async ({ page, host }) => {
  const boardId = await newSession(page, host.url, '낡은 그림 워크숍');
  await page.evaluate((list) => window.madang!.addNotes(list), spreadNotes(40));
  await expect.poll(() => storedPictureSize(page, boardId), { timeout: 15_000 }).toBe(40);
  const url = page.url();

  // An edit stored as the page goes: the picture was taken before it.
  await page.evaluate(() => {
    window.madang!.addNotes([{ text: '떠나기 직전 메모', x: 0, y: -400 }]);
    window.location.href = 'about:blank';
  });
  await page.waitForURL('about:blank');
  await page.goto(url);
  await appReady(page);
  await expect.poll(() => page.evaluate(() => window.madang!.notes().length)).toBe(41);
  expect(await page.evaluate(() => performance.getEntriesByName('madang:board-picture').length)).toBe(0);
  expect(await page.evaluate(() => window.madang!.notes().some((n) => n.text === '떠나기 직전 메모'))).toBe(true);
});
