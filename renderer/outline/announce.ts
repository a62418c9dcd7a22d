// What a screen-reader user hears about other people's changes: one sentence for one change,
// counts for a batch ("메모 12개가 추가되었습니다"). Pure: the translator is passed in.
import { RECORD_TYPES, hasLongText, type RecordType } from '../../shared/board';
import type { OutlineMessageKey } from '../../shared/i18n/outline';
import type { WorkshopMessageKey } from '../../shared/i18n/workshop';

export type RemoteKind = RecordType;

export interface RemoteChange {
  /** The record, so text typed right after creation can be read when the batch is spoken. */
  id?: string;
  change: 'added' | 'removed';
  kind: RemoteKind;
  /** Pseudonym of the author (notes), '' when unknown. */
  author: string;
  /** Text, title or label (connectors: "from → to"), already shortened. */
  text: string;
}

/** Outline strings, and the workshop's template and zone names shown on its items. */
export type Translate = (key: OutlineMessageKey | WorkshopMessageKey, values?: Record<string, string | number>) => string;

const ONE: Record<RemoteChange['change'], Record<RemoteKind, OutlineMessageKey>> = {
  added: { note: 'outline.remote.noteAdded', frame: 'outline.remote.frameAdded', cluster: 'outline.remote.clusterAdded', connector: 'outline.remote.connectorAdded' },
  removed: { note: 'outline.remote.noteRemoved', frame: 'outline.remote.frameRemoved', cluster: 'outline.remote.clusterRemoved', connector: 'outline.remote.connectorRemoved' },
};
const MANY: Record<RemoteChange['change'], Record<RemoteKind, OutlineMessageKey>> = {
  added: { note: 'outline.remote.notesAdded', frame: 'outline.remote.framesAdded', cluster: 'outline.remote.clustersAdded', connector: 'outline.remote.connectorsAdded' },
  removed: { note: 'outline.remote.notesRemoved', frame: 'outline.remote.framesRemoved', cluster: 'outline.remote.clustersRemoved', connector: 'outline.remote.connectorsRemoved' },
};

/** Order in which groups are read out: additions first, then by the registry's order (notes first). */
const ORDER: Array<[RemoteChange['change'], RemoteKind]> = (['added', 'removed'] as const).flatMap((change) =>
  RECORD_TYPES.map((def): [RemoteChange['change'], RemoteKind] => [change, def.type]));

/** Shortens long text for speech: whitespace collapsed, at most `max` characters. */
export function shorten(text: string, max = 80): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export function summarize(batch: readonly RemoteChange[], t: Translate, emptyText = ''): string {
  const parts: string[] = [];
  for (const [change, kind] of ORDER) {
    const group = batch.filter((c) => c.change === change && c.kind === kind);
    if (group.length === 0) continue;
    if (group.length === 1) {
      const [only] = group as [RemoteChange];
      const text = only.text || emptyText;
      // Long text (a note) is read out with who wrote it.
      if (change === 'added' && hasLongText(kind)) {
        parts.push(only.author ? t('outline.remote.noteAdded', { author: only.author, text }) : t('outline.remote.noteAddedNoAuthor', { text }));
      } else {
        parts.push(t(ONE[change][kind], { text }));
      }
      continue;
    }
    const authors = new Set(group.map((c) => c.author));
    const [author] = authors;
    if (change === 'added' && hasLongText(kind) && authors.size === 1 && author) {
      parts.push(t('outline.remote.notesAddedBy', { author, count: group.length }));
    } else {
      parts.push(t(MANY[change][kind], { count: group.length }));
    }
  }
  return parts.join(' ');
}
