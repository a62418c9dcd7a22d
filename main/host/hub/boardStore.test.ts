// The host's copy of a board: a file it cannot read is never written over (measured before: the
// room opened empty and the first edit replaced a 300-note file, 88,071 → 349 bytes); a damaged
// file is moved aside and the facilitator is told; a file readable again merges back.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as fsPromises from 'node:fs/promises';
import { join } from 'node:path';
import * as Y from 'yjs';
import { Board, createNotes } from '../../../shared/board';
import { createMemoryLogger } from '../log';
import { StorageHealth } from '../storageHealth';
import { tempDir } from '../testSupport';
import { BoardStore, type StoreFs } from './boardStore';

let dir: ReturnType<typeof tempDir>;
let clock = 0;
const now = () => clock;

beforeEach(() => {
  dir = tempDir('madang-store-');
  clock = 1_000_000;
});
afterEach(() => dir.remove());

function boardBytes(notes: number): Uint8Array {
  const doc = new Y.Doc();
  const board = Board.create(doc, { boardId: 'b', title: 'T' });
  createNotes(board, Array.from({ length: notes }, (_, i) => ({ text: `주민 의견 ${i}`, x: i, y: 0, author: 'p' })));
  return Y.encodeStateAsUpdate(doc);
}

function storedFile(roomId: string, bytes: Uint8Array): string {
  mkdirSync(join(dir.path, 'boards'), { recursive: true });
  const file = join(dir.path, 'boards', `${roomId}.yjs`);
  writeFileSync(file, bytes);
  return file;
}

/** The real file system, except that reading `file` fails with `code` while `failing.on`. */
function failingRead(file: string, code: string, failing = { on: true }): StoreFs {
  return {
    ...fsPromises,
    readFile: ((path: string, ...rest: unknown[]) =>
      failing.on && path === file
        ? Promise.reject(Object.assign(new Error(`${code}: cannot read`), { code }))
        : (fsPromises.readFile as (...args: unknown[]) => Promise<Buffer>)(path, ...rest)) as StoreFs['readFile'],
  };
}

describe('BoardStore', () => {
  it('never overwrites a board file it cannot read, and tells the facilitator the room is not being saved', async () => {
    const stored = boardBytes(300);
    const file = storedFile('room-a', stored);
    const health = new StorageHealth(dir.path, now);
    const store = new BoardStore(dir.path, createMemoryLogger(), { fs: failingRead(file, 'EACCES'), health, now });
    const doc = new Y.Doc();
    await store.load('room-a', doc);
    expect(store.isUnreadable('room-a')).toBe(true);

    // The room goes on: a participant's edit arrives and is scheduled as usual.
    Board.create(doc, { boardId: 'b', title: 'T' });
    store.schedule('room-a', doc);
    await store.flush();
    expect(new Uint8Array(readFileSync(file))).toEqual(stored);
    expect(health.status(['room-a'], () => undefined).rooms[0]).toMatchObject({ boardFile: 'unreadable', survivesRestart: false });

    // Closing the room does not delete what nobody could read.
    await store.remove('room-a');
    expect(existsSync(file)).toBe(true);
  });

  it('reads the file again once it is readable: its content merges with what happened meanwhile, and saving resumes', async () => {
    const file = storedFile('room-a', boardBytes(300));
    const failing = { on: true };
    const health = new StorageHealth(dir.path, now);
    const store = new BoardStore(dir.path, createMemoryLogger(), { fs: failingRead(file, 'EIO', failing), health, now });
    const doc = new Y.Doc();
    await store.load('room-a', doc);
    const board = Board.create(doc, { boardId: 'b', title: 'T' });
    createNotes(board, [{ text: 'meanwhile', x: 0, y: 0, author: 'p' }]);

    failing.on = false;
    store.schedule('room-a', doc); // too soon after the last try: still not read
    await store.flush();
    expect(board.notes()).toHaveLength(1);
    clock += 10_000;
    store.schedule('room-a', doc);
    await store.flush();
    expect(store.isUnreadable('room-a')).toBe(false);
    await store.flush();
    expect(board.notes()).toHaveLength(301);
    expect(health.status(['room-a'], () => undefined).rooms[0]).toMatchObject({ boardFile: 'ok', survivesRestart: true });
    const saved = new Y.Doc();
    Y.applyUpdate(saved, readFileSync(file));
    expect(Board.open(saved).notes()).toHaveLength(301);
  });

  it('moves a damaged file aside and reports it, then saves the board anew', async () => {
    storedFile('room-a', new Uint8Array([0xff, 0xff, 0xff, 0x01, 0x02]));
    const health = new StorageHealth(dir.path, now);
    const store = new BoardStore(dir.path, createMemoryLogger(), { health, now });
    const doc = new Y.Doc();
    await store.load('room-a', doc);
    expect(health.status(['room-a'], () => undefined).rooms[0]).toMatchObject({ boardFile: 'damaged', since: clock, survivesRestart: true });
    expect(readdirSync(join(dir.path, 'boards')).some((name) => name.startsWith('room-a.yjs.damaged-'))).toBe(true);
    Board.create(doc, { boardId: 'b', title: 'T' });
    store.schedule('room-a', doc);
    await store.flush();
    expect(existsSync(join(dir.path, 'boards', 'room-a.yjs'))).toBe(true);
  });

  it('reports a data folder that refuses writes, and clears it once a write succeeds', async () => {
    const health = new StorageHealth(dir.path, now);
    const readOnly = Object.assign(new Error('read-only file system'), { code: 'EROFS' });
    let refuse = true;
    const fs: StoreFs = { ...fsPromises, writeFile: ((...args: Parameters<StoreFs['writeFile']>) => (refuse ? Promise.reject(readOnly) : fsPromises.writeFile(...args))) as StoreFs['writeFile'] };
    const store = new BoardStore(dir.path, createMemoryLogger(), { fs, health, now });
    const doc = new Y.Doc();
    await store.load('room-a', doc);
    Board.create(doc, { boardId: 'b', title: 'T' });
    store.schedule('room-a', doc);
    await store.flush();
    expect(health.dataFolder()).toBe('readOnly');
    expect(health.status(['room-a'], () => undefined).rooms[0]?.survivesRestart).toBe(false);
    refuse = false;
    store.schedule('room-a', doc);
    await store.flush();
    expect(health.dataFolder()).toBe('ok');
    // A room closed while its writes failed does not leave the warning behind.
    refuse = true;
    store.schedule('room-a', doc);
    await store.flush();
    expect(health.dataFolder()).toBe('readOnly');
    health.forgetRoom('room-a');
    expect(health.dataFolder()).toBe('ok');
  });
});
