import { test as base, expect, type Page } from '@playwright/test';
import { startHostProcess, type HostProcess } from '../../scripts/lib/host-process.mjs';

/** Every spec file gets its own host process; every test its own browser contexts. */
export const test = base.extend<object, { host: HostProcess }>({
  host: [
    // eslint-disable-next-line no-empty-pattern -- Playwright fixtures declare dependencies by destructuring
    async ({}, use) => {
      const host = await startHostProcess();
      await use(host);
      await host.dispose();
    },
    { scope: 'worker' },
  ],
});

export { expect };

/** Opens a URL with the automation API on and waits until the app shows its first screen. */
export async function openApp(page: Page, url: string): Promise<Page> {
  await page.goto(automationUrl(url));
  await page.waitForFunction(() => window.madang !== undefined);
  await page.evaluate(() => window.madang!.ready);
  return page;
}

/** The URL with the automation API switched on. */
export function automationUrl(url: string): string {
  const u = new URL(url);
  u.searchParams.set('automation', '1');
  return u.toString();
}

/** Waits for the automation API (installed during start-up) and the app's first screen. */
export async function appReady(page: Page): Promise<void> {
  await page.waitForFunction(() => window.madang !== undefined);
  await page.evaluate(() => window.madang!.ready);
}

/** Opens the app and creates a session through its Korean UI, as a facilitator would; its id. */
export async function newSession(page: Page, url: string, title: string): Promise<string> {
  await page.goto(automationUrl(url));
  await appReady(page);
  await page.getByLabel('세션 이름').fill(title);
  await page.getByRole('button', { name: '만들기' }).click();
  await expect(page.getByRole('heading', { name: title })).toBeVisible();
  await expect.poll(() => page.evaluate(() => window.madang!.boardId())).not.toBe('');
  return page.evaluate(() => window.madang!.sessionId());
}
