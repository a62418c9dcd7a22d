import { test, expect } from './support/fixtures';

// The browser side of the Electron checklist: what the CSP and the host refuse.
// (Electron's own navigation and window-open guards are unit-tested in main/electron and
// exercised by e2e/electron when the Electron binary is present.)

test('injected inline script does not run', async ({ page, host }) => {
  await page.goto(host.url);
  const violations: string[] = [];
  page.on('console', (m) => violations.push(m.text()));
  const ran = await page.evaluate(async () => {
    const script = document.createElement('script');
    script.textContent = 'window.__pwned = true';
    document.body.append(script);
    await new Promise((r) => requestAnimationFrame(r));
    return (window as unknown as { __pwned?: boolean }).__pwned === true;
  });
  expect(ran).toBe(false);
  expect(violations.join('\n')).toMatch(/Content Security Policy/);
});

test('the page cannot talk to any origin but its host', async ({ page, host }) => {
  await page.goto(host.url);
  // Another loopback address: blocked by connect-src before any packet is sent.
  const result = await page.evaluate(() => fetch('http://127.0.0.2:9/steal').then(() => 'sent', (e: Error) => e.name));
  expect(result).toBe('TypeError');
  const ws = await page.evaluate(
    () => new Promise<string>((resolve) => {
      try {
        const socket = new WebSocket('ws://127.0.0.2:9/');
        socket.onerror = () => resolve('error');
      } catch (e) {
        resolve((e as Error).name);
      }
    }),
  );
  expect(['SecurityError', 'error']).toContain(ws);
});

test('the app refuses to be framed and the host serves nothing outside the app', async ({ page, request, host }) => {
  const response = await request.get(host.url);
  expect(response.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(response.headers()['x-content-type-options']).toBe('nosniff');
  for (const path of ['/../package.json', '/%2e%2e/%2e%2e/package.json', '/assets/%00.js']) {
    const r = await request.get(`${host.url}${path}`);
    expect(r.status(), path).not.toBe(200);
    expect(await r.text(), path).not.toContain('"name": "madang"');
  }
  await page.goto(host.url);
  await page.setContent(`<iframe src="${host.url}"></iframe>`);
  const frame = page.frames()[1]!;
  await expect.poll(() => frame.url()).not.toBe('about:blank');
  // Chromium shows its own error page in the frame instead of the app.
  expect(await frame.locator('#root').count()).toBe(0);
});
