// One treeitem. Memoised and subscribed to its own record only: a remote edit of one note of 5,000
// re-renders that note's row and nothing else (Board.get returns the same frozen object until the
// record changes, so useSyncExternalStore bails out for every other row).
import { memo, useCallback, useSyncExternalStore } from 'react';
import { LABEL_MAX, NOTE_COLORS, TEXT_MAX, hasLongText, isContainerType, isLink, labelOf } from '../../shared/board';
import type { OutlineStore } from './outlineStore';
import type { OutlineKind } from './tree';
import { displayText, itemName, kindLabel } from './labels';
import { InlineEditor } from './InlineEditor';
import { templatePlaceOf } from '../../shared/workshop/templates';
import { zoneLabelKey } from '../../shared/i18n/workshop';
import type { Translate } from './announce';

export interface OutlineItemProps {
  id: string;
  store: OutlineStore;
  /** Stable until the language changes. */
  t: Translate;
  kind: OutlineKind;
  level: number;
  /** Position in the windowed list, px from the top of the tree. */
  top: number;
  setsize: number;
  posinset: number;
  childCount: number;
  connections: number;
  expanded: boolean | undefined;
  selected: boolean;
  /** The one item in the tab order (roving tabindex). */
  tabbable: boolean;
  editing: boolean;
  onCommit?: (id: string, value: string, byKey: boolean) => void;
  onCancel?: (id: string) => void;
  registerElement: (id: string, element: HTMLLIElement | null) => void;
  /** Instrumentation for tests and benchmarks: called on every render of this row. */
  onRender?: (id: string) => void;
}

const EDITOR_LABELS = {
  note: 'outline.edit.note',
  frame: 'outline.edit.frame',
  cluster: 'outline.edit.cluster',
} as const satisfies Record<OutlineKind, string>;

export const OutlineItem = memo(function OutlineItem(props: OutlineItemProps) {
  const { id, store, t, kind, level, top, setsize, posinset, childCount, connections, expanded, selected, tabbable, editing, onCommit, onCancel, registerElement, onRender } = props;
  const subscribe = useCallback((listener: () => void) => store.subscribeRecord(id, listener), [store, id]);
  const record = useSyncExternalStore(subscribe, () => store.board.get(id));
  const ref = useCallback((element: HTMLLIElement | null) => registerElement(id, element), [registerElement, id]);
  onRender?.(id);
  if (!record || isLink(record)) return null;

  // In a template, a note is what its zone says (a cause, an HMW question) and a frame is its template.
  const place = record.type === 'note' ? templatePlaceOf(store.board, id) : undefined;
  const templateKind = record.type === 'frame' ? record.template : undefined;
  const kindText = place?.zone ? t(zoneLabelKey(place.kind, place.zone)) : templateKind ? t(`template.kind.${templateKind}`) : kindLabel(kind, t);
  const name = kindText === kindLabel(kind, t) ? itemName(record, { children: childCount, connections }, t) : `${kindText}: ${itemName(record, { children: childCount, connections }, t)}`;
  const text = displayText(record, t);
  const meta: string[] = [];
  const container = isContainerType(record.type);
  const longText = hasLongText(record.type);
  if (!container && record.author) meta.push(record.author);
  if (container) meta.push(`${childCount}`);
  if (connections > 0) meta.push(t('outline.meta.connections', { count: connections }));
  const editorLabel = t(EDITOR_LABELS[kind]);
  const initial = labelOf(record);

  return (
    <li
      ref={ref}
      role="treeitem"
      data-id={id}
      data-kind={kind}
      className={`outline-item outline-${kind}${selected ? ' is-selected' : ''}${editing ? ' is-editing' : ''}`}
      aria-level={level}
      aria-setsize={setsize}
      aria-posinset={posinset}
      aria-expanded={expanded}
      aria-selected={selected}
      aria-label={name}
      tabIndex={tabbable ? 0 : -1}
      style={{ top, paddingInlineStart: `${0.25 + (level - 1) * 1.5}rem` }}
    >
      <span className="outline-row">
        <span className="outline-twisty" aria-hidden="true">
          {expanded === undefined ? '' : expanded ? '▾' : '▸'}
        </span>
        {'color' in record && <span className="outline-swatch" aria-hidden="true" style={{ background: NOTE_COLORS[record.color] }} />}
        <span className="outline-kind" aria-hidden="true">
          {kindText}
        </span>
        {!editing && (
          <span className="outline-text" title={text}>
            {text}
          </span>
        )}
        {!editing && meta.length > 0 && (
          <span className="outline-meta" aria-hidden="true">
            {meta.join(' · ')}
          </span>
        )}
      </span>
      {editing && onCommit && onCancel && (
        <InlineEditor
          initial={initial}
          label={editorLabel}
          help={t('outline.edit.help')}
          multiline={longText}
          max={longText ? TEXT_MAX : LABEL_MAX}
          onCommit={(value, byKey) => onCommit(id, value, byKey)}
          onCancel={() => onCancel(id)}
        />
      )}
    </li>
  );
});
