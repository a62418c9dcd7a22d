// The packaged shape of the app: the built main bundle in a real Electron, with its own
// user-data folder. Runs only where the Electron binary is installed (never downloaded).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, _electron, type ElectronApplication, type Page } from '@playwright/test';
import { ko } from '../../shared/i18n/ko';
import { findElectronBinary } from './electronBinary';

const MAIN_BUNDLE = join(import.meta.dirname, '../../out/main/index.cjs');
const executablePath = findElectronBinary();

/** The main-process globals this spec plants with `app.evaluate`. */
type Probe = { __opened?: string[]; __navigation?: Promise<{ url: string; prevented: boolean }> };
/** The renderer globals this spec reads (tsconfig.node.json has no DOM types). */
type RendererGlobals = { madang?: { ready: Promise<void> }; location: { href: string }; open(url: string): unknown };

test.describe('Electron app', () => {
  test.skip(executablePath === null, 'Electron binary not installed (offline machine): Electron e2e did not run');

  let app: ElectronApplication;
  let page: Page;
  let userDataDir: string;

  test.beforeEach(async () => {
    userDataDir = mkdtempSync(join(tmpdir(), 'madang-e2e-electron-'));
    const args = [MAIN_BUNDLE, '--automation', `--user-data-dir=${userDataDir}`, '--lang=ko-KR'];
    // Chromium refuses to start as root with its sandbox on (CI containers).
    if (process.getuid?.() === 0) args.push('--no-sandbox');
    app = await _electron.launch({ executablePath: executablePath!, args, env: { ...process.env, LANG: 'ko_KR.UTF-8' } });
    page = await app.firstWindow();
    await page.waitForFunction(() => (globalThis as unknown as RendererGlobals).madang !== undefined);
    await page.evaluate(() => (globalThis as unknown as RendererGlobals).madang!.ready);
  });

  test.afterEach(async () => {
    await app?.close();
    rmSync(userDataDir, { recursive: true, force: true });
  });

  test('opens on the home screen, served from app://madang', async () => {
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(ko['home.title']);
    expect(page.url()).toMatch(/^app:\/\/madang\//);
    const csp = await page.evaluate(async () => (await fetch('app://madang/')).headers.get('content-security-policy'));
    expect(csp).toContain("script-src 'self'");
    expect(csp).toMatch(/connect-src 'self' http:\/\/127\.0\.0\.1:\d+ ws:\/\/127\.0\.0\.1:\d+/);
  });

  test('navigation to an external URL is blocked', async () => {
    await app.evaluate(({ BrowserWindow }) => {
      const contents = BrowserWindow.getAllWindows()[0]!.webContents;
      // The app's guard ran first (it was installed when the webContents was created).
      (globalThis as Probe).__navigation = new Promise((resolve) =>
        contents.once('will-navigate', (event) => resolve({ url: event.url, prevented: event.defaultPrevented })),
      );
    });
    await page.evaluate(() => {
      (globalThis as unknown as RendererGlobals).location.href = 'https://example.com/';
    });
    const navigation = await app.evaluate(() => (globalThis as Probe).__navigation!);
    expect(navigation).toEqual({ url: 'https://example.com/', prevented: true });
    expect(page.url()).toMatch(/^app:\/\/madang\//);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(ko['home.title']);
  });

  test('window.open never opens a window; only http(s) links go to the OS browser', async () => {
    await app.evaluate(({ shell }) => {
      const opened: string[] = [];
      (globalThis as Probe).__opened = opened;
      shell.openExternal = async (url: string) => void opened.push(url);
    });
    await page.evaluate(() => {
      const renderer = globalThis as unknown as RendererGlobals;
      for (const url of ['https://example.com/guide', 'file:///etc/passwd', 'javascript:alert(1)', 'app://madang/']) renderer.open(url);
    });
    await expect.poll(() => app.evaluate(() => (globalThis as Probe).__opened)).toEqual(['https://example.com/guide']);
    expect(app.windows()).toHaveLength(1);
  });
});
