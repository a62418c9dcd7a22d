import { test as base, expect } from '@playwright/test';
import { startHost, removeDir, type RunningHost } from './host';

/** Every spec file gets its own host process; every test its own browser contexts. */
export const test = base.extend<object, { host: RunningHost }>({
  host: [
    async ({}, use) => {
      const host = await startHost();
      await use(host);
      await host.stop();
      removeDir(host.dataDir);
    },
    { scope: 'worker' },
  ],
});

export { expect };

/** The join URL with the automation API switched on. */
export function automationUrl(url: string): string {
  const u = new URL(url);
  u.searchParams.set('automation', '1');
  return u.toString();
}
