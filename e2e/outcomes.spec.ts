// Issue 12 through the UI: the facilitator drafts a problem statement from a cluster on the board,
// edits it, agrees it, and the official approves it at the same laptop; the package is exported
// (JSON, ZIP, PDF) and submitted to a reference portal through the host. With the portal down the
// submission waits in the outbox, and goes through exactly once when it is back. A public export
// never carries a roster name. axe on the outcomes view; pictures at desktop and phone sizes.
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { test, expect, openApp } from './support/fixtures';

const SCRIPT = new URL('../scripts/portal-reference.mjs', import.meta.url).pathname;

interface Portal { url: string; port: number; child: ChildProcess; stop(): Promise<void> }

/** The reference receiver as its own process (as an integrator runs it); its one JSON line, bounded. */
async function startPortal(dataDir: string, port = 0): Promise<Portal> {
  const child = spawn(process.execPath, [SCRIPT, '--port', String(port), '--data', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += String(chunk)));
  const line = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the portal did not start in 20 s:\n${stderr}`)), 20_000);
    createInterface({ input: child.stdout! }).once('line', (l) => (clearTimeout(timer), resolve(l)));
    child.once('exit', (code) => (clearTimeout(timer), reject(new Error(`the portal exited (${code}):\n${stderr}`))));
  });
  const listening = JSON.parse(line) as { event: string; url: string };
  expect(listening.event).toBe('listening');
  return {
    url: listening.url,
    port: Number(new URL(listening.url).port),
    child,
    stop: () => new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    }),
  };
}

const stored = (dataDir: string) => readdirSync(join(dataDir, 'submissions')).filter((f) => f.endsWith('.json'));

async function facilitator(browser: Browser, url: string, locale: string, viewport = { width: 1400, height: 900 }): Promise<Page> {
  const context = await browser.newContext({ locale, viewport, acceptDownloads: true });
  const page = await openApp(await context.newPage(), url);
  const ko = locale.startsWith('ko');
  await page.getByLabel(ko ? '세션 이름' : 'Session name').fill(ko ? '골목 안전 워크숍' : 'Alley safety workshop');
  await page.getByRole('button', { name: ko ? '만들기' : 'Create' }).click();
  await page.waitForFunction(() => window.madang!.view() !== null && window.madang!.outcomes !== null);
  return page;
}

async function centreOf(page: Page, id: string): Promise<{ x: number; y: number }> {
  const rect = (await page.evaluate((id) => window.madang!.view()!.clientRectOf(id), id))!;
  return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 };
}

async function download(page: Page, button: string): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 90_000 }), page.getByRole('button', { name: button }).click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), bytes: readFileSync(path) };
}

async function axe(page: Page) {
  const results = await new AxeBuilder({ page }).include('.side-panel').withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa']).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

test('the facilitator drafts from a cluster, the official approves, the package is exported and reaches the portal once, even after an outage', async ({ browser, host }) => {
  test.setTimeout(240_000);
  const portalData = mkdtempSync(join(tmpdir(), 'madang-portal-e2e-'));
  let portal: Portal | null = null;
  try {
    const page = await facilitator(browser, host.url, 'ko-KR');
    const [a, b] = await page.evaluate(() => window.madang!.addNotes([
      { text: '밤길이 어두워요', x: 0, y: 0 },
      { text: '가로등이 자주 꺼져요', x: 220, y: 0 },
      { text: '버스 정류장이 멀어요', x: 0, y: 300 },
    ]));
    await page.evaluate(() => {
      const tree = window.madang!.workshop.addTemplate('problemTree', { x: 900, y: 0 }, '문제 나무')!;
      window.madang!.workshop.addToZone(tree, 'causes', '예산 부족');
    });
    await page.evaluate(() => window.madang!.view()!.fit());

    // Group two notes with the toolbar and name the cluster.
    const pa = await centreOf(page, a!);
    const pb = await centreOf(page, b!);
    await page.mouse.click(pa.x, pa.y);
    await page.keyboard.down('Shift');
    await page.mouse.click(pb.x, pb.y);
    await page.keyboard.up('Shift');
    await page.getByRole('button', { name: '묶기', exact: true }).click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.insertText('어두운 골목');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => window.madang!.workshop.records('cluster').length)).toBe(1);
    const cluster = await page.evaluate(() => (window.madang!.workshop.records('cluster')[0] as { id: string }).id);

    // The outcomes view, with the cluster selected on the board.
    await page.getByRole('button', { name: '결과 정리' }).click();
    const panel = page.getByRole('region', { name: '결과물' });
    await expect(panel).toBeVisible();
    await page.evaluate(() => window.madang!.view()!.fit());
    const pc = await centreOf(page, cluster);
    await page.mouse.click(pc.x, pc.y);
    await expect(panel.getByText(/보드에서 \d+개를 골랐습니다/)).toBeVisible();
    await panel.getByRole('button', { name: '고른 항목으로 초안 만들기' }).click();

    // The draft opens in the editor: change its title, save.
    const editor = page.getByRole('region', { name: '문제 정의 편집' });
    await expect(editor).toBeVisible();
    const title = editor.getByLabel('제목', { exact: true });
    await title.fill('밤길 안전: 골목 조명이 부족하다');
    await editor.getByRole('button', { name: '저장', exact: true }).click();
    await expect(editor.getByText('저장했습니다.')).toBeVisible();
    await editor.getByRole('button', { name: '세션에서 합의됨으로 표시' }).click();
    await expect.poll(async () => (await page.evaluate(() => window.madang!.outcomes!.list()))[0]?.status).toBe('agreed');

    // The official approves at the same laptop.
    await page.getByRole('combobox', { name: '지금 검토하는 사람' }).selectOption('official');
    await page.getByLabel('검토자 이름').fill('원주시 박지영 주무관');
    await page.getByRole('region', { name: '문제 정의 편집' }).getByRole('button', { name: '승인', exact: true }).click();
    await expect.poll(async () => (await page.evaluate(() => window.madang!.outcomes!.list()))[0]).toMatchObject({ status: 'approved', title: '밤길 안전: 골목 조명이 부족하다' });

    // A roster with a name in it: the public export leaves it out.
    const added = await page.evaluate(() => window.madang!.outcomes!.addPerson({ name: '김민수', role: 'resident', consent: { refusal_rights_shown: true } }));
    expect(added.ok).toBe(true);
    expect(await page.evaluate(() => window.madang!.outcomes!.exportPackage('public'))).not.toContain('김민수');

    // Exports, as files the browser downloads.
    const json = await download(page, 'JSON 파일');
    expect(json.name).toMatch(/-public-.*\.llx\.json$/);
    const pkg = JSON.parse(json.bytes.toString('utf8')) as { problem_statements: Array<{ title: string }> };
    expect(pkg.problem_statements.map((p) => p.title)).toEqual(['밤길 안전: 골목 조명이 부족하다']);
    expect(json.bytes.toString('utf8')).not.toContain('김민수');
    const zip = await download(page, '묶음 파일 (CSV·양식·보고서)');
    expect(zip.name).toMatch(/\.zip$/);
    expect(zip.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    // The board's pictures ride along (file names are stored uncompressed in the ZIP's directory).
    expect(zip.bytes.includes(Buffer.from('images/board.svg'))).toBe(true);
    expect(zip.bytes.includes(Buffer.from('images/board.png'))).toBe(true);
    const pdf = await download(page, 'PDF 보고서');
    expect(pdf.name).toMatch(/\.pdf$/);
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // The problem tree's frame is pictured on a page of its own.
    expect(pdf.bytes.toString('latin1')).toMatch(/\/Subtype\s*\/Image/);

    // Pictures of the board: the whole board as SVG, the problem tree's frame as PNG. Under the
    // public profile notes without their writer's consent are empty boxes; the authority's has the words.
    const publicSvg = (await download(page, '그림 (SVG)')).bytes.toString('utf8');
    expect(publicSvg).toContain('어두운 골목');
    expect(publicSvg).not.toContain('밤길이 어두워요');
    await page.getByRole('radio', { name: /^담당 기관용/ }).check();
    const svg = await download(page, '그림 (SVG)');
    expect(svg.name).toMatch(/-official-board\.svg$/);
    expect(svg.bytes.toString('utf8')).toContain('밤길이 어두워요');
    expect(svg.bytes.toString('utf8')).not.toContain('김민수');
    await page.getByLabel('보드 그림').selectOption({ label: '문제 나무' });
    const png = await download(page, '그림 (PNG)');
    expect(png.name).toMatch(/-frame-.*\.png$/);
    expect(png.bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    await page.getByRole('radio', { name: /^공개/ }).check();

    // The portal, set on this machine's host, and a submission that is accepted.
    portal = await startPortal(portalData);
    await page.getByLabel('포털 주소 (http 또는 https)').fill(portal.url);
    await page.getByRole('button', { name: '포털 설정 저장' }).click();
    await expect(page.getByText('포털 설정을 저장했습니다.')).toBeVisible();
    await axe(page);
    await page.getByRole('button', { name: '이 공개 범위로 포털에 제출' }).click();
    const outbox = page.locator('.outcomes-outbox > li');
    await expect(outbox).toHaveCount(1);
    await expect(outbox.first()).toContainText('접수됨', { timeout: 30_000 });
    expect(stored(portalData)).toHaveLength(1);

    // The portal goes down: the next submission waits in the outbox…
    await portal.stop();
    await page.getByRole('button', { name: '이 공개 범위로 포털에 제출' }).click();
    await expect(outbox).toHaveCount(2);
    const waiting = outbox.filter({ hasNotText: '접수됨' });
    await expect(waiting).toContainText('대기 중', { timeout: 30_000 });
    await expect(waiting).toContainText('포털에 연결할 수 없어 다시 시도합니다.');
    // …and goes through once the portal is back on the same port, exactly once.
    portal = await startPortal(portalData, portal.port);
    await expect(outbox.filter({ hasText: '접수됨' })).toHaveCount(2, { timeout: 60_000 });
    const lines = await page.evaluate(() => window.madang!.outcomes!.outbox());
    expect(lines.map((l) => l.status)).toEqual(['accepted', 'accepted']);
    expect(stored(portalData)).toHaveLength(2);
    for (const file of stored(portalData)) expect(readFileSync(join(portalData, 'submissions', file), 'utf8')).not.toContain('김민수');
  } finally {
    await portal?.stop();
    rmSync(portalData, { recursive: true, force: true });
  }
});

for (const [locale, viewport] of [
  ['ko-KR', { width: 1400, height: 900 }],
  ['en-US', { width: 1400, height: 900 }],
  ['ko-KR', { width: 390, height: 844 }],
  ['en-US', { width: 390, height: 844 }],
] as const) {
  test(`${viewport.width}×${viewport.height} ${locale}: the outcomes view fits, and axe finds nothing serious`, async ({ browser, host }) => {
    const page = await facilitator(browser, host.url, locale, viewport);
    const ko = locale === 'ko-KR';
    if (viewport.width > 720) await page.getByRole('button', { name: ko ? '결과 정리' : 'Outcomes', exact: true }).click();
    else {
      // On a phone the header keeps one row: the outcomes are one switch inside the panel.
      await page.locator('.panel-toggle').click();
      await page.locator('.side-panel').getByRole('button', { name: ko ? '결과 정리' : 'Outcomes', exact: true }).click();
    }
    await expect(page.getByRole('region', { name: ko ? '결과물' : 'Outcomes', exact: true })).toBeVisible();
    const fits = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth && document.documentElement.scrollHeight <= window.innerHeight);
    expect(fits, 'no page scroll: the panel scrolls inside itself').toBe(true);
    await axe(page);
    await page.screenshot({ path: test.info().outputPath(`outcomes-${viewport.width}-${locale}.png`) });
    await page.screenshot({ path: `test-results/outcomes-${viewport.width}-${locale}.png` });
  });
}
