// History on the host: versions saved, kept within bounds, read back after a restart, and
// restored for the whole room even over a board whose meta a participant damaged. The hub is used
// without signaling or WebRTC (a room's board is the hub's Y.Doc); files are real, in a temp dir.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readdirSync, writeFileSync } from 'node:fs';
import * as fsPromises from 'node:fs/promises';
import { join } from 'node:path';
import * as Y from 'yjs';
import { Board, createNotes, deleteRecords } from '../../../shared/board';
import { createMemoryLogger } from '../log';
import { StorageHealth } from '../storageHealth';
import { tempDir } from '../testSupport';
import { HostHistory, HISTORY_LIMITS } from './history';
import { Hub, type HubOptions } from './index';

let dir: ReturnType<typeof tempDir>;
let clock = 1_000_000;
const now = () => clock;
const hubs: Hub[] = [];

beforeEach(() => {
  dir = tempDir('madang-history-');
  clock = 1_000_000;
});
afterEach(async () => {
  for (const hub of hubs.splice(0)) await hub.close();
  dir.remove();
});

function newHub(options: Partial<HubOptions> = {}): Hub {
  const hub = new Hub({ dataDir: dir.path, log: createMemoryLogger(), wrtc: null, signalToPeer: () => false, now, ...options });
  hubs.push(hub);
  return hub;
}

/** A board of `count` notes made in the hub's doc, as a participant's edit would arrive. */
function addNotes(doc: Y.Doc, count: number, text = 'note'): string[] {
  const board = Board.create(doc, { boardId: 'board-1', title: 'Workshop' });
  const ids = createNotes(board, Array.from({ length: count }, (_, i) => ({ text: `${text} ${i}`, x: i * 10, y: 0, author: 'p' })))!;
  board.dispose();
  return ids;
}

const notesOf = (doc: Y.Doc) => {
  const board = Board.open(doc);
  const texts = board.notes().map((n) => n.text).sort();
  board.dispose();
  return texts;
};

describe('Hub.snapshot and the history on disk', () => {
  it('saves a version with what the facilitator needs to pick it, and reads it back after a restart', async () => {
    const hub = newHub();
    await hub.prepare('room-a', { boardId: 'board-room-a', title: 'T' });
    addNotes(hub.room('room-a').doc, 300);
    const version = await hub.snapshot('room-a', 'manual');
    expect(version).toMatchObject({ reason: 'manual', createdAt: clock, notes: 300, records: 300 });
    expect(version!.bytes).toBeGreaterThan(1000);
    await hub.close();

    // A new host on the same folder: the version is listed and restores the 300 notes.
    const again = newHub();
    await again.prepare('room-a', { boardId: 'board-room-a', title: 'T' });
    expect(again.versions('room-a')).toEqual([version]);
    deleteAll(again.room('room-a').doc);
    expect(notesOf(again.room('room-a').doc)).toHaveLength(0);
    const result = await again.restore('room-a', version!.id);
    expect(result.ok).toBe(true);
    expect(notesOf(again.room('room-a').doc)).toHaveLength(300);
  });

  it('writes atomically: a failed write leaves no version and no half file, and the facilitator is told the disk is full', async () => {
    const health = new StorageHealth(dir.path, now);
    const full = Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
    const historyFs = { ...fsPromises, rename: async () => Promise.reject(full) } as unknown as HubOptions['historyFs'];
    const hub = newHub({ health, historyFs });
    await hub.prepare('room-a', { boardId: 'board-room-a', title: 'T' });
    addNotes(hub.room('room-a').doc, 3);
    expect(await hub.snapshot('room-a', 'manual')).toBeNull();
    expect(hub.versions('room-a')).toEqual([]);
    expect(health.dataFolder()).toBe('full');
    const files = readdirSync(join(dir.path, 'history', 'room-a')).filter((name) => name.endsWith('.version'));
    expect(files).toEqual([]);
  });

  it('saves automatically only what changed: a participant deleting again and again costs one version per 30 s', async () => {
    const hub = newHub();
    await hub.prepare('room-a', { boardId: 'board-room-a', title: 'T' });
    const doc = hub.room('room-a').doc;
    const ids = addNotes(doc, 10);
    const first = await hub.snapshot('room-a', 'before-removal');
    expect(first?.reason).toBe('before-removal');
    // Unchanged board: the newest version already holds it.
    expect(await hub.snapshot('room-a', 'before-removal')).toEqual(first);
    expect(await hub.snapshot('room-a', 'periodic')).toEqual(first);
    // Changed, but within 30 s of the last one before a removal.
    clock += 10_000;
    deleteIds(doc, ids.slice(0, 2));
    expect(await hub.snapshot('room-a', 'before-removal')).toEqual(first);
    clock += HISTORY_LIMITS.beforeRemovalMinMs;
    const second = await hub.snapshot('room-a', 'before-removal');
    expect(second?.id).not.toBe(first?.id);
    expect(second?.notes).toBe(8);
    // The facilitator's own request is always honoured.
    expect((await hub.snapshot('room-a', 'manual'))?.reason).toBe('manual');
    expect(hub.versions('room-a').map((v) => v.reason)).toEqual(['manual', 'before-removal', 'before-removal']);
  });

  it('takes the board at the call: a change applied right after, without awaiting, is not in the version; two saves in one millisecond are two versions', async () => {
    const hub = newHub();
    await hub.prepare('room-a', { boardId: 'board-room-a', title: 'T' });
    const doc = hub.room('room-a').doc;
    const ids = addNotes(doc, 4);
    const saving = hub.snapshot('room-a', 'manual');
    const also = hub.snapshot('room-a', 'manual');
    deleteIds(doc, ids);
    const [first, second] = await Promise.all([saving, also]);
    expect([first?.notes, second?.notes]).toEqual([4, 4]);
    expect(first?.id).not.toBe(second?.id);
    expect(hub.versions('room-a')).toHaveLength(2);
  });

  it('keeps a version every few minutes while the board changes, and none while it does not', async () => {
    const history = new HostHistory(dir.path, createMemoryLogger(), { now, limits: { periodicMs: 60_000, checkMs: 3_600_000 } });
    const doc = new Y.Doc();
    await history.track('room-a', doc);
    addNotes(doc, 1);
    await history.savePeriodic();
    expect(history.list('room-a')).toHaveLength(1);
    addNotes(doc, 1, 'more');
    clock += 30_000;
    await history.savePeriodic(); // changed, but the newest is younger than periodicMs
    clock += 30_000;
    await history.savePeriodic();
    clock += 120_000;
    await history.savePeriodic(); // no change since
    expect(history.list('room-a').map((v) => [v.reason, v.notes])).toEqual([
      ['periodic', 2],
      ['periodic', 1],
    ]);
    history.close();
  });

  it('keeps at most maxVersions, within maxBytes and maxAgeMs, oldest out first, and always the newest', async () => {
    const history = new HostHistory(dir.path, createMemoryLogger(), { now, limits: { maxVersions: 3, maxAgeMs: 10_000, checkMs: 3_600_000 } });
    const doc = new Y.Doc();
    await history.track('room-a', doc);
    for (let i = 0; i < 5; i++) {
      addNotes(doc, 1, `v${i}`);
      clock += 1_000;
      await history.save('room-a', 'manual');
    }
    expect(history.list('room-a').map((v) => v.notes)).toEqual([5, 4, 3]);
    const onDisk = () => readdirSync(join(dir.path, 'history', 'room-a')).filter((name) => name.endsWith('.version')).length;
    expect(onDisk()).toBe(3);
    // Much later: everything but the newest is too old.
    clock += 60_000;
    addNotes(doc, 1, 'late');
    await history.save('room-a', 'manual');
    expect(history.list('room-a').map((v) => v.notes)).toEqual([6]);
    expect(onDisk()).toBe(1);
    history.close();

    const bytes = new HostHistory(dir.path, createMemoryLogger(), { now, limits: { maxBytes: 1, checkMs: 3_600_000 } });
    await bytes.track('room-a', doc);
    addNotes(doc, 1, 'bytes');
    await bytes.save('room-a', 'manual');
    expect(bytes.list('room-a')).toHaveLength(1); // over the byte budget, but the newest stays
    bytes.close();
  });

  it('ignores files in the history folder that are not versions', async () => {
    const hub = newHub();
    await hub.prepare('room-a', { boardId: 'board-room-a', title: 'T' });
    addNotes(hub.room('room-a').doc, 1);
    await hub.snapshot('room-a', 'manual');
    await hub.close();
    const folder = join(dir.path, 'history', 'room-a');
    writeFileSync(join(folder, 'junk.version'), 'not a header');
    writeFileSync(join(folder, '1-manual.version.tmp'), 'half written');
    const again = newHub();
    await again.prepare('room-a', { boardId: 'board-room-a', title: 'T' });
    expect(again.versions('room-a')).toHaveLength(1);
  });
});

describe('Hub.restore', () => {
  it('brings back records and meta on a board a participant made "newer" (schemaVersion 999), as a change every link receives', async () => {
    const hub = newHub();
    await hub.prepare('room-a', { boardId: 'board-room-a', title: 'T' });
    const room = hub.room('room-a');
    addNotes(room.doc, 5);
    const good = await hub.snapshot('room-a', 'manual');
    // The attack: every record deleted and the board marked as written by a newer app.
    deleteAll(room.doc);
    room.doc.transact(() => room.doc.getMap('meta').set('schemaVersion', 999), 'participant');
    expect(Board.open(room.doc).readOnly).toBe(true);

    // A client holding the damaged board, and a link of the hub's star.
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(room.doc));
    const sent: Uint8Array[] = [];
    room.attach({ id: 'link-1', transport: 'relay', memberId: 'fac', actor: { memberId: 'fac', role: 'facilitator' }, send: (m) => sent.push(m), close: () => {} });
    sent.length = 0;
    const updates: Uint8Array[] = [];
    room.doc.on('update', (update: Uint8Array) => updates.push(update));
    clock += 5_000;
    const result = await hub.restore('room-a', good!.id);
    room.flush();

    expect(result).toMatchObject({ ok: true, restored: good, saved: { reason: 'before-restore', restoredFrom: good!.createdAt, notes: 0 } });
    expect(room.doc.getMap('meta').get('schemaVersion')).toBe(1);
    expect(notesOf(room.doc)).toHaveLength(5);
    // The restore is new changes on top of what clients hold: applied there, they show the version.
    expect(sent.length).toBe(1);
    for (const update of updates) Y.applyUpdate(client, update);
    expect(Board.open(client).readOnly).toBe(false);
    expect(notesOf(client)).toEqual(notesOf(room.doc));
  });

  it('refuses a version written by a newer app, a damaged one and one that is not there, and leaves the board alone', async () => {
    const hub = newHub();
    await hub.prepare('room-a', { boardId: 'board-room-a', title: 'T' });
    const room = hub.room('room-a');
    addNotes(room.doc, 2);
    room.doc.transact(() => room.doc.getMap('meta').set('schemaVersion', 999));
    const newer = await hub.snapshot('room-a', 'manual');
    room.doc.transact(() => room.doc.getMap('meta').set('schemaVersion', 1));
    clock += 1;
    const damaged = await hub.snapshot('room-a', 'manual');
    const file = join(dir.path, 'history', 'room-a', `${damaged!.id}.version`);
    const bytes = await fsPromises.readFile(file);
    const header = bytes.subarray(0, bytes.indexOf(0x0a) + 1);
    writeFileSync(file, Buffer.concat([header, Buffer.from([0xff, 0xff, 0xff, 0xff, 0x01])]));
    const before = Y.encodeStateVector(room.doc);

    expect(await hub.restore('room-a', newer!.id)).toEqual({ ok: false, error: 'newer' });
    expect(await hub.restore('room-a', damaged!.id)).toEqual({ ok: false, error: 'damaged' });
    expect(await hub.restore('room-a', 'nope')).toEqual({ ok: false, error: 'notFound' });
    expect(await hub.restore('other-room', newer!.id)).toEqual({ ok: false, error: 'notFound' });
    expect(Y.encodeStateVector(room.doc)).toEqual(before);
    expect(hub.versions('room-a')).toHaveLength(2); // no 'before-restore' for a restore that did not happen
  });

  it('closing the room removes its versions with it', async () => {
    const hub = newHub();
    await hub.prepare('room-a', { boardId: 'board-room-a', title: 'T' });
    addNotes(hub.room('room-a').doc, 1);
    await hub.snapshot('room-a', 'manual');
    await hub.closeRoom('room-a');
    expect(hub.versions('room-a')).toEqual([]);
    await expect(fsPromises.stat(join(dir.path, 'history', 'room-a'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

function deleteAll(doc: Y.Doc): void {
  const board = Board.open(doc);
  deleteRecords(board, board.all().map((r) => r.id));
  board.dispose();
}

function deleteIds(doc: Y.Doc, ids: string[]): void {
  const board = Board.open(doc);
  deleteRecords(board, ids);
  board.dispose();
}
