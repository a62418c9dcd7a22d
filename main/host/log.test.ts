import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { captureProcessOutput, createLogger } from './log';

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

  it('turns console output, warnings and uncaught errors into single JSON lines, and can undo it', () => {
    const lines: string[] = [];
    const log = createLogger((l) => lines.push(l));
    const printed: unknown[] = [];
    const out = { log: (...a: unknown[]) => printed.push(a), info: (...a: unknown[]) => printed.push(a), warn: (...a: unknown[]) => printed.push(a), error: (...a: unknown[]) => printed.push(a), debug: (...a: unknown[]) => printed.push(a) };
    const target = new EventEmitter();
    const nodePrinter = () => printed.push('node printed a warning');
    target.on('warning', nodePrinter);
    const undo = captureProcessOutput(log, target as unknown as NodeJS.Process, out as unknown as Console);

    out.error('Caught error while handling a Yjs update', new Error('Unexpected end of array'));
    out.log('plain %d', 3);
    target.emit('warning', new Error('MaxListenersExceededWarning'));
    target.emit('uncaughtException', new Error('thrown from a callback'));
    target.emit('unhandledRejection', new Error('rejected'));
    expect(printed).toEqual([]);
    expect(lines).toHaveLength(5);
    expect(lines.every((l) => l.endsWith('\n') && !l.slice(0, -1).includes('\n'))).toBe(true);
    const entries = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(entries[0]).toMatchObject({ level: 'error', event: 'console', message: 'Caught error while handling a Yjs update', error: { message: 'Unexpected end of array' } });
    expect(entries[1]).toMatchObject({ level: 'info', message: 'plain 3' });
    expect(entries.slice(2).map((e) => e.event)).toEqual(['process.warning', 'process.uncaughtException', 'process.unhandledRejection']);

    undo();
    out.error('after');
    target.emit('warning', new Error('w'));
    expect(printed).toEqual([['after'], 'node printed a warning']);
  });
});
