import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryLogger, type MemoryLogger } from './log';
import { RoomRegistry, ROOMS_FILE } from './rooms';
import { tempDir } from './testSupport';

let dir: ReturnType<typeof tempDir>;
let log: MemoryLogger;
beforeEach(() => {
  dir = tempDir();
  log = createMemoryLogger();
});
afterEach(() => dir.remove());

describe('room registry', () => {
  it('never hands out a code another open room has', async () => {
    const codes = ['ABCDEF', 'ABCDEF', 'ABCDEF', 'GHJKMN'];
    const rooms = await RoomRegistry.load({ dataDir: dir.path, log, newJoinCode: () => codes.shift() ?? 'ZZZZZZ' });
    const a = await rooms.open({ sessionId: 'a', title: 'A' });
    const b = await rooms.open({ sessionId: 'b', title: 'B' });
    expect([a.joinCode, b.joinCode]).toEqual(['ABCDEF', 'GHJKMN']);
    expect(rooms.findByCode('ghj-kmn')?.roomId).toBe(b.roomId);
    expect(a.roomId).toMatch(/^[A-Za-z0-9_-]{16}$/);
  });

  it('writes rooms.json readable by the next start, and forgets closed rooms', async () => {
    const rooms = await RoomRegistry.load({ dataDir: dir.path, log });
    const a = await rooms.open({ sessionId: 'a', title: 'A' });
    const b = await rooms.open({ sessionId: 'b', title: 'B' });
    await rooms.close(a.roomId);
    const saved = JSON.parse(readFileSync(join(dir.path, ROOMS_FILE), 'utf8')) as { rooms: Array<{ roomId: string }> };
    expect(saved.rooms.map((r) => r.roomId)).toEqual([b.roomId]);
    const reloaded = await RoomRegistry.load({ dataDir: dir.path, log });
    expect(reloaded.list()).toEqual([b]);
  });

  it('treats a file with a valid shape but duplicate codes as corrupt', async () => {
    const room = { roomId: 'r1', sessionId: 's1', title: 't', joinCode: 'ABCDEF', createdAt: 'x' };
    writeFileSync(join(dir.path, ROOMS_FILE), JSON.stringify({ version: 1, rooms: [room, { ...room, roomId: 'r2', sessionId: 's2' }] }));
    const rooms = await RoomRegistry.load({ dataDir: dir.path, log });
    expect(rooms.list()).toEqual([]);
    expect(log.entries).toContainEqual(expect.objectContaining({ event: 'rooms.corrupt' }));
  });

  it('keeps a room open in memory when the disk refuses the write, and logs it', async () => {
    const blocker = join(dir.path, 'not-a-dir');
    writeFileSync(blocker, '');
    const rooms = await RoomRegistry.load({ dataDir: blocker, log });
    const room = await rooms.open({ sessionId: 'a', title: 'A' });
    expect(rooms.findByCode(room.joinCode)?.roomId).toBe(room.roomId);
    expect(log.entries).toContainEqual(expect.objectContaining({ event: 'rooms.writeFailed', level: 'error' }));
  });
});
