// Accessible names that say what an item is: "메모: 주차 공간 부족, 작성자 익명 까치 12, 연결 2개".
import { hasLongText, isLink, labelOf, type BoardRecord, type RecordType } from '../../shared/board';
import type { Translate } from './announce';
import { shorten } from './announce';
import type { OutlineKind } from './tree';

// Per-type wording: a table per record type, so adding a type is a compile error here until it is named.
const KIND_LABELS = {
  note: 'outline.kind.note',
  frame: 'outline.kind.frame',
  cluster: 'outline.kind.cluster',
} as const satisfies Record<OutlineKind, string>;

type Namer = (text: string, record: BoardRecord, children: number, t: Translate) => string;
const NAMES: Record<RecordType, Namer> = {
  note: (text, record, _, t) => (record.author ? t('outline.name.note', { text, author: record.author }) : t('outline.name.noteNoAuthor', { text })),
  frame: (text, _, count, t) => t('outline.name.frame', { title: text, count }),
  cluster: (text, _, count, t) => t('outline.name.cluster', { label: text, count }),
  connector: (text) => text,
};

export function kindLabel(kind: OutlineKind, t: Translate): string {
  return t(KIND_LABELS[kind]);
}

/** The visible text of a record (its label field, the registry says which), with a placeholder when empty. */
export function displayText(record: BoardRecord, t: Translate): string {
  const words = labelOf(record);
  if (words.trim()) return words;
  return t(hasLongText(record.type) ? 'outline.emptyNote' : 'outline.untitled');
}

export function itemName(record: BoardRecord, counts: { children: number; connections: number }, t: Translate): string {
  const text = shorten(displayText(record, t), 200);
  const name = NAMES[record.type](text, record, counts.children, t);
  return counts.connections > 0 ? `${name}, ${t('outline.name.connections', { count: counts.connections })}` : name;
}

/** Short "kind: text" for lists in dialogs and status messages. */
export function shortName(record: BoardRecord, t: Translate): string {
  if (isLink(record)) return shorten(displayText(record, t), 60);
  return `${kindLabel(record.type, t)}: ${shorten(displayText(record, t), 60)}`;
}
