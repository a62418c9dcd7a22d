import { describe, expect, it } from 'vitest';
import { createLogger } from './log';

describe('logger', () => {
  it('writes one JSON line per entry, errors included', () => {
    const lines: string[] = [];
    const log = createLogger((line) => lines.push(line));
    log.warn('signal.rejected', { code: 4400, remote: '10.0.0.2' });
    log.error('api.error', { error: Object.assign(new Error('boom'), { code: 'EIO' }) });
    expect(lines).toHaveLength(2);
    expect(lines.every((l) => l.endsWith('\n') && !l.slice(0, -1).includes('\n'))).toBe(true);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ level: 'warn', event: 'signal.rejected', code: 4400, remote: '10.0.0.2' });
    expect(JSON.parse(lines[1] ?? '')).toMatchObject({ level: 'error', error: { message: 'boom', code: 'EIO' } });
  });

  it('never throws, whatever it is given or wherever it writes', () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    const lines: string[] = [];
    expect(() => createLogger((l) => lines.push(l)).info('x', { circular, big: 1n })).not.toThrow();
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ event: 'x' });
    expect(() =>
      createLogger(() => {
        throw new Error('EPIPE');
      }).info('y'),
    ).not.toThrow();
  });
});
