// Accessible names that say what an item is: "메모: 주차 공간 부족, 작성자 익명 까치 12, 연결 2개".
import type { BoardRecord } from '../../shared/board';
import type { Translate } from './announce';
import { shorten } from './announce';
import type { OutlineKind } from './tree';

export function kindLabel(kind: OutlineKind, t: Translate): string {
  return t(kind === 'note' ? 'outline.kind.note' : kind === 'frame' ? 'outline.kind.frame' : 'outline.kind.cluster');
}

/** The visible text of a record, with a placeholder when empty. */
export function displayText(record: BoardRecord, t: Translate): string {
  switch (record.type) {
    case 'note':
      return record.text.trim() ? record.text : t('outline.emptyNote');
    case 'frame':
      return record.title.trim() ? record.title : t('outline.untitled');
    case 'cluster':
    case 'connector':
      return record.label.trim() ? record.label : t('outline.untitled');
  }
}

export function itemName(record: BoardRecord, counts: { children: number; connections: number }, t: Translate): string {
  const text = shorten(displayText(record, t), 200);
  let name: string;
  switch (record.type) {
    case 'note':
      name = record.author ? t('outline.name.note', { text, author: record.author }) : t('outline.name.noteNoAuthor', { text });
      break;
    case 'frame':
      name = t('outline.name.frame', { title: text, count: counts.children });
      break;
    case 'cluster':
      name = t('outline.name.cluster', { label: text, count: counts.children });
      break;
    case 'connector':
      name = text;
      break;
  }
  return counts.connections > 0 ? `${name}, ${t('outline.name.connections', { count: counts.connections })}` : name;
}

/** Short "kind: text" for lists in dialogs and status messages. */
export function shortName(record: BoardRecord, t: Translate): string {
  if (record.type === 'connector') return shorten(displayText(record, t), 60);
  return `${kindLabel(record.type, t)}: ${shorten(displayText(record, t), 60)}`;
}
