// Test helpers of board storage (imported by *.test.ts only).
import { afterEach } from 'vitest';
import { MadangDatabase } from '../../db/database';
import type { Clock } from './batcher';

/**
 * Fresh databases for the tests of one file (fake-indexeddb), each closed and deleted after its
 * test. Call at the top level of the file.
 */
export function freshDatabases(prefix: string): (name?: string) => MadangDatabase {
  const open: MadangDatabase[] = [];
  let count = 0;
  afterEach(async () => {
    for (const db of open.splice(0)) {
      db.close();
      await db.delete();
    }
  });
  return (name = `${prefix}-${++count}`) => {
    const db = new MadangDatabase(name);
    open.push(db);
    return db;
  };
}

/** A clock that moves only when told to: timers run in due order inside advance(). */
export class ManualClock implements Clock {
  private now = 0;
  private nextId = 1;
  private readonly timers = new Map<number, { at: number; callback: () => void }>();

  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.set(id, { at: this.now + Math.max(0, ms), callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  get pending(): number {
    return this.timers.size;
  }

  advance(ms: number): void {
    const until = this.now + ms;
    for (;;) {
      let next: [number, { at: number; callback: () => void }] | undefined;
      for (const entry of this.timers) if (entry[1].at <= until && (!next || entry[1].at < next[1].at)) next = entry;
      if (!next) break;
      this.timers.delete(next[0]);
      this.now = next[1].at;
      next[1].callback();
    }
    this.now = until;
  }
}

/** A promise with its resolve/reject exposed. */
export function deferred<T = void>(): { promise: Promise<T>; resolve(value: T): void; reject(error: unknown): void } {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
