import { describe, expect, it } from 'vitest';
import { pathToFileURL } from 'node:url';
import { isEntryPoint } from './entryPoint';

describe('isEntryPoint', () => {
  const self = new URL(import.meta.url).pathname;
  it('is true only for the script Node was started with', () => {
    expect(isEntryPoint(pathToFileURL(self).href, ['node', self])).toBe(true);
    expect(isEntryPoint(pathToFileURL(self).href, ['node', new URL('./entryPoint.ts', import.meta.url).pathname])).toBe(false);
  });
  it('is false when there is no script, or it does not exist', () => {
    expect(isEntryPoint(pathToFileURL(self).href, ['node'])).toBe(false);
    expect(isEntryPoint(pathToFileURL(self).href, ['node', '/no/such/file.mjs'])).toBe(false);
  });
});
