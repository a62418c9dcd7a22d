// The live outline (docs/design.md, rule 6): frames → clusters → notes as a WAI-ARIA tree, a first-class
// editing surface. Everything a participant does on the canvas can be done here by keyboard alone;
// selection and focus are the same store the canvas uses; other people's additions and removals are
// announced politely, at most one sentence every two seconds.
import {
  memo, useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore,
  type FocusEvent, type KeyboardEvent, type MouseEvent,
} from 'react';
import { deleteRecords, groupNotes, hasLongText, labelOf, parentRefs, setLabel, type Board } from '../../shared/board';
import type { Selection } from '../board/selection';
import { OutlineStore } from './outlineStore';
import { OutlineItem } from './OutlineItem';
import { ancestorsOf, focusCandidatesAfterDelete, visibleRows, windowRows, type Row } from './tree';
import { addFrame, addNoteAfter, connectItems, moveIn, moveOut, moveTo, reorderBy } from './actions';
import { ConnectDialog, MoveDialog } from './dialogs';
import { isComposingKey } from './InlineEditor';
import { shortName } from './labels';
import { useT } from '../i18n';
import { useRemoteAnnouncer } from './useRemoteAnnouncer';
import type { RateLimitOptions } from './rateLimit';
import type { OutlineMessageKey } from '../../shared/i18n/outline';
import './outline.css';

export interface OutlineViewProps {
  board: Board;
  /** The same instance the canvas uses: selecting in one selects in the other. */
  selection: Selection;
  /** Pseudonym stamped on notes created here. */
  author: string;
  /** Instrumentation (tests, benchmarks): called on every render of a row. */
  onItemRender?: (id: string) => void;
  /** Rate limit of remote announcements (default: one every 2 s, gathered for 250 ms). */
  announceLimits?: RateLimitOptions;
  /** The board's undo manager, the canvas's too: Ctrl+Z and Ctrl+Shift+Z work from the outline. */
  undo?: { undo(): unknown; redo(): unknown } | null;
  /** During a dot vote: V puts one of this person's dots on the focused note, Shift+V takes one back. */
  onVote?: (noteId: string, add: boolean) => void;
}

interface Editing {
  id: string;
  /** A note just added here: leaving it empty removes it again. */
  isNew: boolean;
  /** Where focus goes back if a new note is abandoned. */
  returnTo: string | null;
}

type Dialog = { type: 'move'; ids: string[]; subject: string } | { type: 'connect'; id: string; subject: string };

const NBSP = '\u00a0';
/** Matches .outline-item's CSS height at the default font size; measured once rows are on screen. */
const DEFAULT_ROW_HEIGHT = 45;
const OVERSCAN = 12;

/** Memoised: the screen around it re-renders often (presence, status); the outline need not. */
export const OutlineView = memo(function OutlineView({ board, selection, author, onItemRender, announceLimits, undo, onVote }: OutlineViewProps) {
  const t = useT();
  const store = useMemo(() => new OutlineStore(board), [board]);
  useEffect(() => store.start(), [store]);
  const snapshot = useSyncExternalStore(store.subscribeStructure, store.getSnapshot);
  const sel = useSyncExternalStore(selection.subscribe, selection.get);
  const announcement = useRemoteAnnouncer(store, board, t, announceLimits);
  const readOnly = board.readOnly;

  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const rows = useMemo(() => visibleRows(snapshot, collapsed), [snapshot, collapsed]);
  const rowIndex = useMemo(() => new Map(rows.map((row, index) => [row.id, index])), [rows]);
  const [active, setActive] = useState<string | null>(null);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [status, setStatus] = useState({ text: '', serial: 0 });

  // Focus set elsewhere (a click on the canvas) becomes the outline's current item, made visible.
  const [seenFocus, setSeenFocus] = useState(sel.focused);
  if (sel.focused !== seenFocus) {
    setSeenFocus(sel.focused);
    if (sel.focused && snapshot.kind.has(sel.focused)) {
      setActive(sel.focused);
      const hidden = ancestorsOf(snapshot, sel.focused).filter((id) => collapsed.has(id));
      if (hidden.length > 0) setCollapsed(without(collapsed, hidden));
    }
  }

  // The current item vanished (someone else deleted it, or it was folded away): take its neighbour.
  const [seenRows, setSeenRows] = useState(rows);
  if (seenRows !== rows) {
    setSeenRows(rows);
    if (active && !rowIndex.has(active)) setActive(nearestSurvivor(seenRows, rowIndex, active, snapshot.parent.get(active)));
  }

  const activeId =
    (active && rowIndex.has(active) ? active : null) ??
    (sel.focused && rowIndex.has(sel.focused) ? sel.focused : null) ??
    rows.find((row) => sel.selected.has(row.id))?.id ??
    rows[0]?.id ??
    null;

  const treeRef = useRef<HTMLUListElement>(null);
  const addButtonRef = useRef<HTMLButtonElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, height: 0, rowHeight: DEFAULT_ROW_HEIGHT });
  const elements = useRef(new Map<string, HTMLLIElement>());
  const focusPending = useRef(false);
  const treeHadFocus = useRef(false);
  const registerElement = useCallback((id: string, element: HTMLLIElement | null) => {
    if (element) elements.current.set(id, element);
    else elements.current.delete(id);
  }, []);

  // Keyboard focus follows the current item after every action, and comes back when the focused
  // row was removed under it (a remote delete, a reorder that moved the DOM node).
  useLayoutEffect(() => {
    const tree = treeRef.current;
    const lost = treeHadFocus.current && !!tree && !tree.contains(document.activeElement) && !dialog;
    if (!focusPending.current && !lost) return;
    if (editing) return; // the editor takes focus itself
    if (focusPending.current && rows.length === 0) {
      // The last item went: the next thing to do is probably to add one.
      focusPending.current = false;
      addButtonRef.current?.focus();
      return;
    }
    const element = activeId ? elements.current.get(activeId) : undefined;
    if (element) {
      focusPending.current = false;
      element.focus();
    }
  });

  // Windowing: the scrolling box's size and offset, and the row height the CSS gives (large text).
  const measure = useCallback(() => {
    const box = scrollRef.current;
    if (!box) return;
    const sample = box.querySelector<HTMLElement>('.outline-item:not(.is-editing)');
    const measured = sample ? sample.getBoundingClientRect().height : 0;
    setView((previous) => {
      const next = { top: box.scrollTop, height: box.clientHeight, rowHeight: measured > 0 ? measured : previous.rowHeight };
      return next.top === previous.top && next.height === previous.height && next.rowHeight === previous.rowHeight ? previous : next;
    });
  }, []);
  const hasRows = rows.length > 0;
  useEffect(() => {
    const box = scrollRef.current;
    if (!box || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => measure());
    observer.observe(box);
    return () => observer.disconnect();
  }, [measure, hasRows]);

  // A current item chosen on the canvas is scrolled into the outline's own view (never the page).
  useEffect(() => {
    const box = scrollRef.current;
    const index = activeId ? rowIndex.get(activeId) : undefined;
    if (!box || index === undefined || treeRef.current?.contains(document.activeElement)) return;
    const top = index * view.rowHeight;
    if (top < box.scrollTop) box.scrollTop = top;
    else if (top + view.rowHeight > box.scrollTop + box.clientHeight) box.scrollTop = top + view.rowHeight - box.clientHeight;
    // only when the current item changes, not on every scroll
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [activeId]);

  const say = useCallback((key: OutlineMessageKey, values?: Record<string, string | number>) => {
    setStatus((previous) => ({ text: t(key, values), serial: previous.serial + 1 }));
  }, [t]);

  const writable = (): boolean => {
    if (board.readOnly) say('outline.readOnlyRefused');
    return !board.readOnly;
  };

  const focusItem = (id: string | null, selected: Iterable<string> = selection.get().selected) => {
    focusPending.current = true;
    setActive(id);
    selection.set(selected, id);
  };

  /** Unfolds the ancestors of `id` in the current (post-command) tree. */
  const reveal = (id: string, alsoExpand?: string) => {
    const ancestors = ancestorsOf(store.getSnapshot(), id);
    if (alsoExpand) ancestors.push(alsoExpand);
    setCollapsed((previous) => (ancestors.some((a) => previous.has(a)) ? without(previous, ancestors) : previous));
  };

  const containerName = (id: string | null): string => {
    const record = id ? board.get(id) : undefined;
    return record ? shortName(record, t) : t('outline.move.topLevel');
  };

  /** Selected items when the current one is among several selected, else just the current one. */
  const targetsOf = (id: string): string[] => {
    const { selected } = selection.get();
    if (selected.size > 1 && selected.has(id)) return [...selected].filter((s) => snapshot.kind.has(s));
    return [id];
  };

  // ---------- actions ----------

  const addNote = (afterId: string | null = activeId) => {
    if (!writable()) return;
    const id = addNoteAfter(board, store.getSnapshot(), afterId, author);
    if (!id) return;
    // Focus moves to the new note (the canvas shows it); what was selected stays selected.
    reveal(id);
    setActive(id);
    selection.set(selection.get().selected, id);
    setEditing({ id, isNew: true, returnTo: afterId });
    say('outline.status.added');
  };

  const addNewFrame = () => {
    if (!writable()) return;
    const id = addFrame(board, t('outline.newFrame'), author);
    if (!id) return;
    setActive(id);
    selection.set(selection.get().selected, id);
    setEditing({ id, isNew: false, returnTo: activeId });
    say('outline.status.frameAdded');
  };

  const startEdit = (id: string | null) => {
    if (!id) return say('outline.status.nothingFocused');
    if (!writable()) return;
    setActive(id);
    setEditing({ id, isNew: false, returnTo: id });
  };

  const commitEdit = useCallback(
    (id: string, value: string, byKey: boolean) => {
      const wasNew = editing?.id === id && editing.isNew;
      const returnTo = editing?.returnTo ?? null;
      setEditing(null);
      // Enter brings focus back to the item; clicking or tabbing elsewhere leaves it there.
      focusPending.current = byKey;
      const record = board.get(id);
      if (!record) return;
      // A new note left empty was never meant: it goes.
      if (wasNew && hasLongText(record.type) && !value.trim()) {
        deleteRecords(board, [id]);
        setActive(returnTo);
        selection.set(selection.get().selected, returnTo);
        return;
      }
      if (value !== labelOf(record)) setLabel(board, id, value);
      say('outline.status.saved');
    },
    [board, editing, selection, say],
  );

  const cancelEdit = useCallback(
    (id: string) => {
      const wasNew = editing?.id === id && editing.isNew;
      const returnTo = editing?.returnTo ?? null;
      setEditing(null);
      focusPending.current = true;
      const record = board.get(id);
      if (wasNew && record && hasLongText(record.type) && !labelOf(record).trim()) {
        deleteRecords(board, [id]);
        setActive(returnTo);
        selection.set(selection.get().selected, returnTo);
      }
    },
    [board, editing, selection],
  );

  const remove = (id: string) => {
    if (!writable()) return;
    const targets = targetsOf(id);
    const candidates = focusCandidatesAfterDelete(snapshot, rows, id, new Set(targets));
    if (!deleteRecords(board, targets)) return;
    const next = candidates.find((c) => board.get(c)) ?? null;
    selection.retain((s) => !!board.get(s));
    focusItem(next, [...selection.get().selected]);
    say('outline.status.deleted', { count: targets.length });
  };

  const reorderItem = (id: string, delta: -1 | 1) => {
    if (!writable()) return;
    focusPending.current = true;
    const result = reorderBy(board, snapshot, id, delta);
    if (result) say('outline.status.reordered', result);
    else say('outline.status.cannotReorder');
  };

  const outdent = (id: string) => {
    if (!writable()) return;
    focusPending.current = true;
    const result = moveOut(board, snapshot, id);
    if (!result) return say('outline.status.cannotMoveOut');
    reveal(id);
    say('outline.status.moved', { target: containerName(result.container) });
  };

  const indent = (id: string) => {
    if (!writable()) return;
    focusPending.current = true;
    const result = moveIn(board, snapshot, id);
    if (!result) return say('outline.status.cannotMoveIn');
    reveal(id, result.container);
    say('outline.status.moved', { target: containerName(result.container) });
  };

  const openMove = () => {
    if (!activeId) return say('outline.status.nothingFocused');
    if (!writable()) return;
    // Only what may sit in a container can be moved (a frame stays at the top).
    const ids = targetsOf(activeId).filter((id) => {
      const r = board.get(id);
      return !!r && parentRefs(r.type).length > 0;
    });
    const record = board.get(activeId);
    if (ids.length === 0 || !record) return say('outline.status.cannotMoveOut');
    const subject = ids.length > 1 ? t('outline.status.selected', { count: ids.length }) : shortName(record, t);
    setDialog({ type: 'move', ids, subject });
  };

  const openConnect = () => {
    const record = activeId ? board.get(activeId) : undefined;
    if (!activeId || !record) return say('outline.status.nothingFocused');
    setDialog({ type: 'connect', id: activeId, subject: shortName(record, t) });
  };

  const closeDialog = () => {
    setDialog(null);
    focusPending.current = true;
  };

  const group = () => {
    if (!writable()) return;
    const { selected } = selection.get();
    let notes = [...selected].filter((id) => board.get(id)?.type === 'note');
    if (notes.length === 0 && activeId && board.get(activeId)?.type === 'note') notes = [activeId];
    if (notes.length === 0) return say('outline.status.groupNeedsNotes');
    const id = groupNotes(board, notes, t('outline.newCluster'));
    if (!id) return;
    // The notes are in the cluster now: the selection is done with, focus is on the cluster.
    reveal(id);
    setActive(id);
    selection.set([], id);
    setEditing({ id, isNew: false, returnTo: id });
    say('outline.status.grouped', { count: notes.length });
  };

  // ---------- keyboard ----------

  const moveFocus = (from: string, index: number, extend: boolean) => {
    const target = rows[Math.max(0, Math.min(rows.length - 1, index))];
    if (!target) return;
    const selected = new Set(selection.get().selected);
    if (extend) {
      selected.add(from);
      selected.add(target.id);
    }
    focusItem(target.id, selected);
  };

  const setExpanded = (id: string, expanded: boolean) => {
    setCollapsed((previous) => {
      const next = new Set(previous);
      if (expanded) next.delete(id);
      else next.add(id);
      return next;
    });
  };

  const onTreeKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    // The item acted on is the focused one (it is also the current one, once React has caught up).
    if (!(event.target instanceof HTMLElement) || event.target.getAttribute('role') !== 'treeitem') return;
    const id = event.target.dataset['id'];
    const index = id === undefined ? undefined : rowIndex.get(id);
    const row = index === undefined ? undefined : rows[index];
    if (!id || index === undefined || !row || isComposingKey(event)) return;
    const { key } = event;
    const command = event.ctrlKey || event.metaKey;
    let handled = true;
    if (event.altKey && !command) {
      if (key === 'ArrowUp') reorderItem(id, -1);
      else if (key === 'ArrowDown') reorderItem(id, 1);
      else if (key === 'ArrowLeft') outdent(id);
      else if (key === 'ArrowRight') indent(id);
      else handled = false;
    } else if (command) {
      if (key === 'a' || key === 'A' || event.code === 'KeyA') selection.set(rows.map((row) => row.id), id);
      else if (undo && !readOnly && (key === 'z' || key === 'Z' || event.code === 'KeyZ')) void (event.shiftKey ? undo.redo() : undo.undo());
      else if (undo && !readOnly && (key === 'y' || key === 'Y' || event.code === 'KeyY')) void undo.redo();
      else handled = false;
    } else {
      switch (key) {
        case 'ArrowDown':
          moveFocus(id, index + 1, event.shiftKey);
          break;
        case 'ArrowUp':
          moveFocus(id, index - 1, event.shiftKey);
          break;
        case 'Home':
          moveFocus(id, 0, event.shiftKey);
          break;
        case 'End':
          moveFocus(id, rows.length - 1, event.shiftKey);
          break;
        case 'ArrowRight':
          if (row.expanded === false) setExpanded(id, true);
          else if (row.expanded) moveFocus(id, index + 1, false);
          break;
        case 'ArrowLeft':
          if (row.expanded) setExpanded(id, false);
          else if (row.parentId) focusItem(row.parentId);
          break;
        case 'Enter':
        case 'F2':
          startEdit(id);
          break;
        case ' ':
        case 'Spacebar':
          selection.toggle(id);
          break;
        case 'Insert':
          addNote(id);
          break;
        case 'Delete':
        case 'Backspace':
          remove(id);
          break;
        case 'Escape':
          if (selection.get().selected.size > 0) selection.set([], id);
          else handled = false;
          break;
        default:
          if (key === 'n' || key === 'N' || event.code === 'KeyN') addNote(id);
          else if (onVote && (key === 'v' || key === 'V' || event.code === 'KeyV') && row.kind === 'note') onVote(id, !event.shiftKey);
          else handled = false;
      }
    }
    if (handled) {
      event.preventDefault();
      event.stopPropagation();
    }
  };

  // ---------- mouse (delegated, so rows need no handlers) ----------

  const idFrom = (target: EventTarget): string | null => {
    if (!(target instanceof Element)) return null;
    return target.closest('[role="treeitem"]')?.getAttribute('data-id') ?? null;
  };

  const onTreeClick = (event: MouseEvent<HTMLUListElement>) => {
    const id = idFrom(event.target);
    if (!id) return;
    const row = rows[rowIndex.get(id) ?? -1];
    if (row && row.expanded !== undefined && event.target instanceof Element && event.target.closest('.outline-twisty')) {
      setExpanded(id, !row.expanded);
    }
    if (event.shiftKey && activeId && rowIndex.has(activeId)) {
      const [a, b] = [rowIndex.get(activeId) ?? 0, rowIndex.get(id) ?? 0].sort((x, y) => x - y);
      selection.set(rows.slice(a, (b ?? 0) + 1).map((r) => r.id), id);
    } else if (event.ctrlKey || event.metaKey) {
      selection.toggle(id);
    } else {
      selection.set([id], id);
    }
    setActive(id);
  };

  const onTreeDoubleClick = (event: MouseEvent<HTMLUListElement>) => {
    const id = idFrom(event.target);
    if (id && !board.readOnly) startEdit(id);
  };

  const onTreeFocus = (event: FocusEvent<HTMLUListElement>) => {
    treeHadFocus.current = true;
    const id = event.target.getAttribute('role') === 'treeitem' ? event.target.getAttribute('data-id') : null;
    if (id && id !== activeId) setActive(id);
    if (id && selection.get().focused !== id) selection.set(selection.get().selected, id);
  };

  const onTreeBlur = (event: FocusEvent<HTMLUListElement>) => {
    const tree = event.currentTarget;
    const left = event.target;
    if (event.relatedTarget instanceof Node && !tree.contains(event.relatedTarget)) {
      treeHadFocus.current = false;
      return;
    }
    // No new target: either the user left (element still there) or the row was removed under focus.
    if (!event.relatedTarget) {
      queueMicrotask(() => {
        if (left.isConnected && !tree.contains(document.activeElement)) treeHadFocus.current = false;
      });
    }
  };

  // ---------- render ----------

  const headingId = useId();
  const hintId = useId();
  const readOnlyId = useId();
  const activeRecord = activeId ? board.get(activeId) : undefined;
  const moveDisabled = readOnly || !activeRecord || parentRefs(activeRecord.type).length === 0;

  return (
    <section className="outline" aria-labelledby={headingId} data-testid="outline">
      <h2 id={headingId}>{t('outline.title')}</h2>
      {readOnly && (
        <p id={readOnlyId} className="outline-readonly">
          {t('outline.readOnly')}
        </p>
      )}
      <div role="group" aria-label={t('outline.toolbar')} className="outline-toolbar">
        <button ref={addButtonRef} type="button" disabled={readOnly} aria-keyshortcuts="N Insert" onClick={() => addNote()}>
          {t('outline.action.addNote')}
        </button>
        <button type="button" disabled={readOnly} onClick={addNewFrame}>
          {t('outline.action.addFrame')}
        </button>
        <button type="button" disabled={readOnly || !activeId} aria-keyshortcuts="F2" onClick={() => startEdit(activeId)}>
          {t('outline.action.edit')}
        </button>
        <button type="button" disabled={moveDisabled} aria-haspopup="dialog" onClick={openMove}>
          {t('outline.action.moveTo')}
        </button>
        <button type="button" disabled={!activeId} aria-haspopup="dialog" onClick={openConnect}>
          {t('outline.action.connect')}
        </button>
        <button type="button" disabled={readOnly} onClick={group}>
          {t('outline.action.group')}
        </button>
        <button type="button" disabled={readOnly || !activeId} aria-keyshortcuts="Alt+ArrowUp" onClick={() => activeId && reorderItem(activeId, -1)}>
          {t('outline.action.moveUp')}
        </button>
        <button type="button" disabled={readOnly || !activeId} aria-keyshortcuts="Alt+ArrowDown" onClick={() => activeId && reorderItem(activeId, 1)}>
          {t('outline.action.moveDown')}
        </button>
        <button type="button" disabled={readOnly || !activeId} aria-keyshortcuts="Delete" onClick={() => activeId && remove(activeId)}>
          {t('outline.action.delete')}
        </button>
      </div>
      <p role="status" className="outline-status" data-testid="outline-status">
        {status.text}
        {status.serial % 2 ? NBSP : ''}
      </p>
      <p id={hintId} className="visually-hidden">
        {t('outline.hint')}
      </p>
      {rows.length === 0 ? (
        <p className="outline-empty hint">{t('outline.empty')}</p>
      ) : (
        <div className="outline-scroll" ref={scrollRef} onScroll={measure}>
        <ul
          ref={treeRef}
          role="tree"
          className="outline-tree"
          style={{ height: rows.length * view.rowHeight }}
          aria-labelledby={headingId}
          aria-describedby={readOnly ? `${readOnlyId} ${hintId}` : hintId}
          aria-multiselectable="true"
          onKeyDown={onTreeKeyDown}
          onClick={onTreeClick}
          onDoubleClick={onTreeDoubleClick}
          onFocus={onTreeFocus}
          onBlur={onTreeBlur}
        >
          {windowRows({
            count: rows.length,
            scrollTop: view.top,
            viewport: view.height,
            rowHeight: view.rowHeight,
            overscan: OVERSCAN,
            keep: [activeId ? rowIndex.get(activeId) : undefined, editing ? rowIndex.get(editing.id) : undefined],
          }).map((index) => {
            const row = rows[index] as Row;
            const isEditing = editing?.id === row.id;
            return (
              <OutlineItem
                key={row.id}
                top={index * view.rowHeight}
                id={row.id}
                store={store}
                t={t}
                kind={row.kind}
                level={row.level}
                setsize={row.setsize}
                posinset={row.posinset}
                childCount={row.childCount}
                connections={snapshot.connections.get(row.id) ?? 0}
                expanded={row.expanded}
                selected={sel.selected.has(row.id)}
                tabbable={row.id === activeId}
                editing={isEditing}
                onCommit={isEditing ? commitEdit : undefined}
                onCancel={isEditing ? cancelEdit : undefined}
                registerElement={registerElement}
                onRender={onItemRender}
              />
            );
          })}
        </ul>
        </div>
      )}
      <details className="outline-help">
        <summary>{t('outline.shortcuts')}</summary>
        <p>{t('outline.shortcutList')}</p>
      </details>
      <div aria-live="polite" aria-atomic="true" className="visually-hidden" data-testid="outline-announcer">
        {announcement.text}
        {announcement.serial % 2 ? NBSP : ''}
      </div>
      {dialog?.type === 'move' && (
        <MoveDialog
          board={board}
          snapshot={snapshot}
          ids={dialog.ids}
          subject={dialog.subject}
          t={t}
          onClose={closeDialog}
          onMove={(containerId) => {
            const [first] = dialog.ids;
            if (moveTo(board, dialog.ids, containerId)) {
              if (first) reveal(first, containerId ?? undefined);
              say('outline.status.moved', { target: containerName(containerId) });
            }
            closeDialog();
          }}
        />
      )}
      {dialog?.type === 'connect' && (
        <ConnectDialog
          board={board}
          snapshot={snapshot}
          from={dialog.id}
          subject={dialog.subject}
          t={t}
          readOnly={readOnly}
          onClose={closeDialog}
          onConnect={(to, label) => {
            if (writable() && connectItems(board, dialog.id, to, label)) {
              const target = board.get(to);
              say('outline.status.connected', { from: dialog.subject, to: target ? shortName(target, t) : '' });
            }
            closeDialog();
          }}
          onDisconnect={(connectorId) => {
            if (writable() && deleteRecords(board, [connectorId])) say('outline.status.disconnected');
            closeDialog();
          }}
        />
      )}
    </section>
  );
});

function without(set: ReadonlySet<string>, ids: readonly string[]): Set<string> {
  const next = new Set(set);
  for (const id of ids) next.delete(id);
  return next;
}

/** The row nearest to where `gone` was (next, then previous), or its parent, among rows still shown. */
function nearestSurvivor(previous: readonly Row[], now: ReadonlyMap<string, number>, gone: string, parent: string | null | undefined): string | null {
  const at = previous.findIndex((row) => row.id === gone);
  if (at >= 0) {
    for (let i = at + 1; i < previous.length; i++) if (now.has(previous[i]!.id)) return previous[i]!.id;
    for (let i = at - 1; i >= 0; i--) if (now.has(previous[i]!.id)) return previous[i]!.id;
  }
  return parent && now.has(parent) ? parent : null;
}
