import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Board } from '../board';
import { RECORD_FIELDS, recordsMap } from '../schema';
import { RETIRED_KEYS } from '../migrations';
import { LABEL_MAX, TEXT_MAX } from '../types';
import {
  RECORD_TYPES, childRefField, heldTypes, isContainerType, mayHold, nestingRank, readRecord, recordDefaults, recordSchema, writeRecord,
  type BoardRecord,
} from './registry';
import { noteSchema } from './note';
import { frameSchema } from './frame';
import { clusterSchema } from './cluster';
import { connectorSchema } from './connector';

const common = { z: 'a0', createdAt: 1, updatedAt: 2, author: '참가자' };
const geometry = { x: 10, y: -20, w: 160, h: 120 };
const valid = {
  note: { ...common, id: 'n1', type: 'note', geometry, text: '골목이 어둡다', color: 'pink', frameId: 'f1', clusterId: 'c1' },
  frame: { ...common, id: 'f1', type: 'frame', geometry, title: '문제 나무', template: 'problemTree' },
  cluster: { ...common, id: 'c1', type: 'cluster', geometry, label: '안전', frameId: 'f1' },
  connector: { ...common, id: 'k1', type: 'connector', from: 'n1', to: 'n2', label: '원인' },
} as const;

/** Writes raw values into a record's Y.Map, as an odd peer might. */
function stored(fields: Record<string, unknown>): Y.Map<unknown> {
  const doc = new Y.Doc();
  const y = new Y.Map<unknown>();
  recordsMap(doc).set('r', y);
  for (const [key, value] of Object.entries(fields)) y.set(key, value);
  return y;
}

describe('record type schemas', () => {
  it('accept a valid record of each type', () => {
    expect(noteSchema.safeParse(valid.note).success).toBe(true);
    expect(frameSchema.safeParse(valid.frame).success).toBe(true);
    expect(clusterSchema.safeParse(valid.cluster).success).toBe(true);
    expect(connectorSchema.safeParse(valid.connector).success).toBe(true);
    for (const record of Object.values(valid)) expect(recordSchema.safeParse(record).success, record.type).toBe(true);
  });

  it('refuse what a record of the type may not hold', () => {
    expect(noteSchema.safeParse({ ...valid.note, color: 'black' }).success).toBe(false);
    expect(noteSchema.safeParse({ ...valid.note, text: 'x'.repeat(TEXT_MAX + 1) }).success).toBe(false);
    expect(noteSchema.safeParse({ ...valid.note, geometry: { ...geometry, w: 0 } }).success).toBe(false);
    expect(noteSchema.safeParse({ ...valid.note, frameId: '' }).success).toBe(false);
    expect(frameSchema.safeParse({ ...valid.frame, template: 'mindMap' }).success).toBe(false);
    expect(frameSchema.safeParse({ ...valid.frame, title: 'x'.repeat(LABEL_MAX + 1) }).success).toBe(false);
    expect(clusterSchema.safeParse({ ...valid.cluster, geometry: { ...geometry, x: Infinity } }).success).toBe(false);
    expect(connectorSchema.safeParse({ ...valid.connector, to: undefined }).success).toBe(false);
    expect(recordSchema.safeParse({ ...valid.note, type: 'sticker' }).success).toBe(false);
  });

  it('keep an optional template off a frame without one', () => {
    const { template: _, ...free } = valid.frame;
    expect(frameSchema.safeParse(free).success).toBe(true);
  });
});

describe('reading a record from its Y.Map', () => {
  it('round-trips every type: what is written reads back equal', () => {
    const doc = new Y.Doc();
    for (const record of Object.values(valid)) {
      doc.transact(() => writeRecord(recordsMap(doc), record as BoardRecord));
      expect(readRecord(record.id, recordsMap(doc).get(record.id) as Y.Map<unknown>), record.type).toEqual(record);
    }
    // A note's text is a Y.Text, so two people can type in it at once.
    expect((recordsMap(doc).get('n1') as Y.Map<unknown>).get('text')).toBeInstanceOf(Y.Text);
  });

  it('is tolerant: odd values read as each field’s default, never throwing', () => {
    const note = readRecord('r', stored({ type: 'note', z: 7, createdAt: 'yesterday', author: null, geometry: { x: 'left', w: -5 }, text: 42, color: 'black', frameId: '', clusterId: 3 }));
    expect(note).toEqual({ id: 'r', type: 'note', z: 'a0', createdAt: 0, updatedAt: 0, author: '', geometry: { x: 0, y: 0, w: 1, h: 120 }, text: '', color: 'yellow' });
    expect(readRecord('r', stored({ type: 'frame', geometry: 'big', title: ['x'], template: 'mindMap' }))).toMatchObject({ title: '', geometry: { x: 0, y: 0, w: 160, h: 120 } });
    expect(readRecord('r', stored({ type: 'cluster', updatedAt: NaN, createdAt: 5 }))).toMatchObject({ label: '', updatedAt: 5 });
    expect(Object.isFrozen(note)).toBe(true);
  });

  it('a frame’s template is read only when it is a known kind other than free', () => {
    expect(readRecord('r', stored({ type: 'frame', template: 'hmw' }))).toMatchObject({ template: 'hmw' });
    expect(readRecord('r', stored({ type: 'frame', template: 'free' }))).not.toHaveProperty('template');
    expect(readRecord('r', stored({ type: 'frame', template: 'cosmic' }))).not.toHaveProperty('template');
  });

  it('a connector without both ends, or a type this app does not know, is not shown', () => {
    expect(readRecord('r', stored({ type: 'connector', from: 'a' }))).toBeNull();
    expect(readRecord('r', stored({ type: 'connector', from: 'a', to: '' }))).toBeNull();
    expect(readRecord('r', stored({ type: 'sticker', geometry }))).toBeNull();
    expect(readRecord('r', stored({}))).toBeNull();
  });

  it('defaults are what an empty record of the type reads as', () => {
    expect(recordDefaults('note')).toEqual({ geometry: { x: 0, y: 0, w: 160, h: 120 }, text: '', color: 'yellow' });
    expect(recordDefaults('frame')).toEqual({ geometry: { x: 0, y: 0, w: 160, h: 120 }, title: '' });
    expect(recordDefaults('connector')).toEqual({ label: '' });
  });

  it('writes only what reads back (no empty ref, no "free" template)', () => {
    const doc = new Y.Doc();
    doc.transact(() => writeRecord(recordsMap(doc), { ...valid.frame, id: 'f2', template: 'free' }));
    expect((recordsMap(doc).get('f2') as Y.Map<unknown>).has('template')).toBe(false);
  });
});

describe('the registry', () => {
  it('lists every stored key in RECORD_FIELDS, none of them retired, and keeps every key shipped so far', () => {
    for (const def of RECORD_TYPES) for (const key of Object.keys(def.fields)) expect(RECORD_FIELDS, key).toContain(key);
    for (const key of RECORD_FIELDS) expect(RETIRED_KEYS, key).not.toContain(key);
    // Keys written by earlier versions: never renamed or dropped (a dropped one goes to RETIRED_KEYS).
    const shipped = ['id', 'type', 'z', 'createdAt', 'updatedAt', 'author', 'geometry', 'text', 'color', 'frameId', 'clusterId', 'title', 'label', 'from', 'to', 'template'];
    for (const key of shipped) expect([...RECORD_FIELDS, ...RETIRED_KEYS], key).toContain(key);
  });

  it('derives containment from each type’s parents: frames hold clusters and notes, clusters hold notes', () => {
    expect(heldTypes('frame').sort()).toEqual(['cluster', 'note']);
    expect(heldTypes('cluster')).toEqual(['note']);
    expect(mayHold('cluster', 'cluster')).toBe(false);
    expect(mayHold('frame', 'connector')).toBe(false);
    expect([isContainerType('note'), isContainerType('connector')]).toEqual([false, false]);
    expect([nestingRank('note'), nestingRank('cluster'), nestingRank('frame')]).toEqual([0, 1, 2]);
    expect([childRefField('frame'), childRefField('cluster')]).toEqual(['frameId', 'clusterId']);
    // A container is always a box on the canvas.
    for (const def of RECORD_TYPES) if (isContainerType(def.type)) expect(def.capabilities.geometry, def.type).toBe(true);
  });

  it('a board reads its records through the registry (parents, long text)', () => {
    const doc = new Y.Doc();
    doc.transact(() => Object.values(valid).forEach((r) => writeRecord(recordsMap(doc), r as BoardRecord)));
    const board = Board.open(doc);
    expect(board.parentOf('n1')).toBe('c1');
    expect(board.parentOf('c1')).toBe('f1');
    expect(board.parentOf('k1')).toBeUndefined();
    expect(board.textOf('n1')?.toString()).toBe('골목이 어둡다');
    expect(board.textOf('f1')).toBeUndefined();
  });
});
