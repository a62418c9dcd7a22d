import { defineConfig } from '@playwright/test';

// Debian's Chromium (no browser download on these machines). Running as root needs --no-sandbox;
// background networking is off because the machine has no internet and Chromium would keep trying.
export const chromiumLaunch = {
  executablePath: process.env.MADANG_CHROMIUM ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    // Two contexts on one machine must see each other's host candidates (no mDNS here).
    '--disable-features=WebRtcHideLocalIpsWithMdns',
  ],
};

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  reporter: [['list'], ['json', { outputFile: '.test-reports/e2e.json' }]],
  use: { trace: 'retain-on-failure' },
  projects: [
    {
      name: 'web',
      testIgnore: '**/*.electron.spec.ts',
      // Participants' browsers are Korean; specs that need English set their own locale.
      use: { browserName: 'chromium', launchOptions: chromiumLaunch, locale: 'ko-KR' },
    },
    {
      name: 'electron',
      testMatch: '**/*.electron.spec.ts',
    },
  ],
});
