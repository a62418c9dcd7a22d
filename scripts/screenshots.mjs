// `npm run screenshots`: pictures of the real app for the README, made again after any change.
// Starts the built host (as `npm run host` does) and drives headless Chromium through the UI as
// a facilitator and a participant would, then writes docs/screenshots/*.png:
//   facilitator.png       the facilitator's window (1600×900) with a room open and a few notes
//   projection.png        the large join screen ("Show large") for the back of the room
//   participant-phone.png a participant on a phone (390×844) on the same board
//   workshop.png          the facilitator running the problem-redefinition agenda (agenda panel,
//                         current step, the problem tree template with notes in its zones)
//   workshop-phone.png    the same step on the participant's phone
// in Korean, and the same three in English (*-en.png).
// Every wait is on the app itself (window.madang.ready, synced(), roles and test ids), never a
// timer, so the script keeps working while the UI changes. Labels come from shared/i18n.
/* global window, document -- code inside page.evaluate runs in the browser */
import { mkdirSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { buildAll, isBuildFresh } from './build.mjs';
import { importTs } from './lib/import-ts.mjs';
import { startHostProcess } from './lib/host-process.mjs';

const root = new URL('..', import.meta.url).pathname;
const outDir = `${root}docs/screenshots`;
// Same launch options as the e2e tests (playwright.config.ts).
const launch = {
  executablePath: process.env.MADANG_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-features=WebRtcHideLocalIpsWithMdns'],
};

const SESSION = { ko: '골목길 안전 워크숍', en: 'Safer alleys workshop' };
const NOTES = {
  ko: [
    ['밤에 골목이 너무 어두워요', 80, 80],
    ['가로등 고장 신고가 어렵다', 320, 80],
    ['통학로에 불법 주차', 560, 80],
    ['어르신 보행 속도에 비해 신호가 짧음', 80, 300],
    ['CCTV 위치를 주민이 모름', 320, 300],
    ['골목 벽화로 밝게 만들기', 560, 300],
  ],
  en: [
    ['The alley is too dark at night', 80, 80],
    ['Reporting a broken street light is hard', 320, 80],
    ['Illegal parking on the school route', 560, 80],
    ['Crossing signals too short for older residents', 80, 300],
    ['Residents do not know where the CCTV is', 320, 300],
    ['Murals to brighten the alley', 560, 300],
  ],
};

// Notes in the problem tree's zones: [zone, text].
const TREE = {
  ko: [['core', '마을버스가 한 시간에 한 번 온다'], ['causes', '운전기사가 부족하다'], ['causes', '노선이 줄었다'], ['effects', '어르신이 병원에 못 간다']],
  en: [['core', 'The village bus comes once an hour'], ['causes', 'Not enough drivers'], ['causes', 'Routes were cut'], ['effects', 'Older residents miss hospital visits']],
};

const withAutomation = (url) => {
  const u = new URL(url);
  u.searchParams.set('automation', '1');
  return u.toString();
};

/** Opens the app with the automation API and waits until its first screen is shown. */
async function openApp(page, url) {
  await page.goto(withAutomation(url));
  await page.waitForFunction(() => window.madang !== undefined);
  await page.evaluate(() => window.madang.ready);
}

/** Until the room is synced, every note is on this board, the fonts are in, and it is drawn. */
async function settle(page, notes) {
  await page.waitForFunction((count) => window.madang.synced() && window.madang.notes().length === count && window.madang.view() !== null, notes);
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await page.evaluate(() => {
    window.madang.view().fit();
    window.madang.view().drawNow();
  });
}

const { messages } = await importTs('shared/i18n/index.ts');

/** The three pictures in one language; returns the files written. */
async function shootAll(browser, language) {
  const t = (key) => messages[language][key];
  const locale = language === 'en' ? 'en-US' : 'ko-KR';
  const suffix = language === 'en' ? '-en' : '';
  const notes = NOTES[language];
  const written = [];
  const shoot = async (page, name) => {
    const path = `${outDir}/${name}${suffix}.png`;
    await page.screenshot({ path });
    written.push(path.slice(root.length));
  };
  // On every interface, so the pictures show a LAN join address as a workshop would (the host
  // runs only while the script does; with no network the app shows the loopback one and says so).
  const host = await startHostProcess({ bind: process.env.MADANG_SCREENSHOT_BIND ?? '0.0.0.0' });
  try {
    const facilitator = await (await browser.newContext({ locale, viewport: { width: 1600, height: 900 } })).newPage();
    await openApp(facilitator, host.url);
    await facilitator.getByLabel(t('home.sessionTitle')).fill(SESSION[language]);
    await facilitator.getByRole('button', { name: t('home.create'), exact: true }).click();
    await facilitator.getByRole('button', { name: t('board.openRoom'), exact: true }).click();
    await facilitator.getByTestId('join-code').waitFor();
    const joinUrl = (await facilitator.getByTestId('join-url').textContent()).trim();
    await facilitator.waitForFunction(() => window.madang.synced());
    await facilitator.evaluate((list) => window.madang.addNotes(list.map(([text, x, y]) => ({ text, x, y }))), notes);

    const phoneContext = await browser.newContext({ locale, viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    const phone = await phoneContext.newPage();
    await openApp(phone, joinUrl);
    await settle(phone, notes.length);
    await settle(facilitator, notes.length);
    await facilitator.waitForFunction(() => window.madang.peers().length === 2);
    await shoot(facilitator, 'facilitator');
    await shoot(phone, 'participant-phone');

    await facilitator.evaluate((lang) => window.madang.workshop.setAgenda('problem-redefinition', lang), language);
    await facilitator.evaluate(() => window.madang.workshop.goToStep(0));
    const frame = await facilitator.evaluate(() => window.madang.workshop.agenda().steps[0].frameId);
    await facilitator.evaluate(([frameId, items]) => items.forEach(([zone, text]) => window.madang.workshop.addToZone(frameId, zone, text)), [frame, TREE[language]]);
    await facilitator.getByRole('button', { name: t('agenda.title'), exact: true }).click();
    await phone.waitForFunction((count) => window.madang.notes().length === count, notes.length + TREE[language].length);
    await phone.getByTestId('step-title').waitFor();
    for (const page of [facilitator, phone]) await page.evaluate(() => window.madang.view().drawNow());
    await shoot(facilitator, 'workshop');
    await shoot(phone, 'workshop-phone');

    await facilitator.getByRole('button', { name: t('projection.open'), exact: true }).click();
    await facilitator.getByTestId('projection').getByRole('img').first().waitFor();
    await shoot(facilitator, 'projection');
    await facilitator.context().close();
    await phoneContext.close();
  } finally {
    await host.dispose();
  }
  return written;
}

if (!isBuildFresh()) await buildAll({ quiet: true });
mkdirSync(outDir, { recursive: true });
const browser = await chromium.launch(launch);
const written = [];
try {
  for (const language of ['ko', 'en']) written.push(...(await shootAll(browser, language)));
} finally {
  await browser.close();
}
console.log(JSON.stringify({ screenshots: written }));
