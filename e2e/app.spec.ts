import AxeBuilder from '@axe-core/playwright';
import { test, expect, openApp } from './support/fixtures';

test('the host serves the app, in Korean by default, with a strict CSP', async ({ page, host }) => {
  const response = await page.goto(host.url);
  expect(response!.status()).toBe(200);
  expect(response!.headers()['content-security-policy']).toContain("script-src 'self'");
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('워크숍 세션');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
});

test('the language switch changes every label and is remembered after a reload', async ({ page, host }) => {
  await openApp(page, host.url);
  await page.getByLabel('언어').selectOption('en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Workshop sessions');
  await expect(page.getByRole('button', { name: 'Create' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Workshop sessions');
  await page.getByLabel('Language').selectOption('ko');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('워크숍 세션');
});

test('sessions are stored on the device and survive a reload', async ({ page, host }) => {
  await openApp(page, host.url);
  await page.getByRole('button', { name: '만들기' }).click();
  await expect(page.getByRole('alert')).toHaveText('세션 이름을 입력해 주세요.');
  await page.getByLabel('세션 이름').fill('주민 공청회');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: '주민 공청회' })).toBeVisible();
  const sessionId = await page.evaluate(() => window.madang!.sessionId());
  expect(sessionId).not.toBe('');
  await page.getByRole('button', { name: /세션 목록/ }).click();
  await page.reload();
  await expect(page.getByRole('button', { name: /주민 공청회/ })).toBeVisible();
});

test('home, join and board screens have no serious or critical accessibility violations', async ({ page, host }) => {
  const check = async () => {
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa']).analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  };
  await openApp(page, host.url);
  await check();
  await openApp(page, host.joinUrl);
  await expect(page.getByTestId('presence-list')).toBeVisible();
  await check();
});
