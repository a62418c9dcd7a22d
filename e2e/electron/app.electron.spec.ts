// The packaged shape of the app: the built main bundle in a real Electron, with its own
// user-data folder. Runs only where the Electron binary is installed (never downloaded).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, _electron, chromium, type ElectronApplication, type Page } from '@playwright/test';
import { chromiumLaunch } from '../../playwright.config';
import { ko } from '../../shared/i18n/ko';
import { findElectronBinary } from './electronBinary';

const MAIN_BUNDLE = join(import.meta.dirname, '../../out/main/index.cjs');
const executablePath = findElectronBinary();

/** The main-process globals this spec plants with `app.evaluate`. */
type Probe = { __opened?: string[]; __navigation?: Promise<{ url: string; prevented: boolean }> };
/** The renderer globals this spec reads (tsconfig.node.json has no DOM types). */
type RendererGlobals = {
  madang?: { ready: Promise<void>; room(): { joinUrl: string; joinCode: string } | null; notes(): Array<{ text: string }>; addNotes(notes: Array<{ text: string; x: number; y: number }>): string[] };
  madangBridge?: unknown;
  location: { href: string };
  open(url: string): unknown;
  document: { body: { appendChild(node: unknown): unknown }; createElement(tag: string): { srcdoc: string; onload: (() => void) | null; contentWindow: { madangBridge?: unknown } | null } };
};

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

  test('a frame other than the app\'s own top frame gets no bridge to main', async () => {
    expect(await page.evaluate(() => typeof (globalThis as unknown as RendererGlobals).madangBridge)).toBe('object');
    const inFrame = await page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          const renderer = globalThis as unknown as RendererGlobals;
          const frame = renderer.document.createElement('iframe');
          frame.onload = () => resolve(typeof frame.contentWindow?.madangBridge);
          frame.srcdoc = '<p>not the app</p>';
          renderer.document.body.appendChild(frame);
        }),
    );
    expect(inFrame).toBe('undefined');
  });

  test('the facilitator\'s app and a participant\'s browser co-edit one board', async () => {
    await page.getByLabel(ko['home.sessionTitle']).fill('두 창 워크숍');
    await page.getByRole('button', { name: ko['home.create'], exact: true }).click();
    await page.getByRole('button', { name: ko['board.openRoom'], exact: true }).click();
    await expect(page.getByTestId('join-url')).toBeVisible();
    const room = await page.evaluate(() => (globalThis as unknown as RendererGlobals).madang!.room());
    expect(room).not.toBeNull();
    const guestUrl = new URL(room!.joinUrl);
    guestUrl.searchParams.set('automation', '1');
    // The participant is Debian's Chromium, as in the web project (no browser download).
    const browser = await chromium.launch(chromiumLaunch);
    const guest = await (await browser.newContext({ locale: 'ko-KR' })).newPage();
    await guest.goto(guestUrl.toString());
    await guest.waitForFunction(() => (globalThis as unknown as RendererGlobals).madang !== undefined);
    await page.evaluate(() => (globalThis as unknown as RendererGlobals).madang!.addNotes([{ text: '앱에서 쓴 메모', x: 0, y: 0 }]));
    await guest.evaluate(() => (globalThis as unknown as RendererGlobals).madang!.addNotes([{ text: '브라우저에서 쓴 메모', x: 300, y: 0 }]));
    const texts = (p: Page) => p.evaluate(() => (globalThis as unknown as RendererGlobals).madang!.notes().map((n) => n.text).sort());
    for (const p of [page, guest]) await expect.poll(() => texts(p)).toEqual(['브라우저에서 쓴 메모', '앱에서 쓴 메모']);
    await browser.close();
  });
});
