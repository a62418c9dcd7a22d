// The board workspace: toolbar + canvas (+ the outline beside it when toggled). The lead mounts it:
//   <BoardWorkspace board={board} selection={selection} undo={undoManager} author={me.name}
//                   outline={<OutlineView …/>} onViewReady={(h) => …} presence={presenceChannel} />
// With ?automation=1&bench=naive the canvas is swapped for the naive react-konva baseline
// (a separate chunk, loaded only then) so the bench can measure both on the same board.
import { useRulesVersion } from '../components/RoomRules';
import { TemplateMenu, TemplateSubMenu } from '../workshop/TemplateMenu';
import '@fontsource/noto-sans-kr/400.css';
import '@fontsource/noto-sans-kr/700.css';
// Emoji on the canvas and in the DOM where the system has no emoji font (draw.ts FONT_FAMILY).
import '@fontsource/noto-color-emoji/400.css';
import './board.css';
import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import { Suspense, lazy, useCallback, useEffect, useMemo, useState, useSyncExternalStore, type KeyboardEvent as ReactKeyboardEvent, type ReactNode } from 'react';
import type { Board } from '../../shared/board/board';
import { NOTE_COLORS, NOTE_COLOR_NAMES, type NoteColor, type RecordType } from '../../shared/board/types';
import { isLink } from '../../shared/board/records/registry';
import { participantTools, runsSession } from '../../shared/board/policy';
import { useSimpleMode } from '../workshop/simpleMode';
import type { Selection } from './selection';
import { BoardCanvas } from './BoardCanvas';
import type { BoardRenderer, UndoLike } from './BoardRenderer';
import type { BoardViewHandle } from './view';
import { useT } from '../i18n';
import { Icon, type IconName } from './icons';
import { fontsReady } from './fonts';
import type { PresenceChannel } from './presence/presenceChannel';

export type { BoardViewHandle } from './view';
export type { UndoLike } from './BoardRenderer';

export interface BoardWorkspaceProps {
  board: Board;
  selection: Selection;
  /** The board's undo manager (createUndoManager(board)); null hides undo/redo. */
  undo: UndoLike | null;
  /** Pseudonym stamped on notes made here. */
  author: string;
  /** The colour of new notes until the user picks another (a participant's own colour). */
  noteColor?: NoteColor;
  /** Shown beside the canvas when the user opens it (the outline view). */
  outline?: ReactNode;
  /** Whether the outline starts open. */
  defaultOutlineOpen?: boolean;
  /** Receives the view handle (benchmarks, automation) when the canvas is ready, null when it goes. */
  onViewReady?(handle: BoardViewHandle | null): void;
  /** The room's presence (createPresenceChannel(awareness)); without it the board is drawn for one. */
  presence?: PresenceChannel;
}

const NaiveBoard = lazy(() => import('./bench/naive'));

function wantsNaiveBaseline(): boolean {
  if (typeof location === 'undefined') return false;
  const params = new URLSearchParams(location.search);
  return params.get('automation') === '1' && params.get('bench') === 'naive';
}

export function BoardWorkspace({ board, selection, undo, author, noteColor, outline, defaultOutlineOpen = false, onViewReady, presence }: BoardWorkspaceProps) {
  const t = useT();
  const [renderer, setRenderer] = useState<BoardRenderer | null>(null);
  const [percent, setPercent] = useState(100);
  const [outlineOpen, setOutlineOpen] = useState(defaultOutlineOpen);
  const [, setTick] = useState(0);
  const [naive] = useState(wantsNaiveBaseline);
  const state = useSyncExternalStore(selection.subscribe, selection.get);
  const boardVersion = useBoardVersion(board);
  const history = useUndoState(undo);
  // Simple mode (renderer/workshop/simpleMode.ts) uses the short toolbar with large buttons.
  const simple = useSimpleMode();
  const compact = useMediaQuery(COMPACT_QUERY) || simple;

  useEffect(() => {
    // Hangul glyphs for the UI and the first canvas layouts (the canvas re-lays out when they land).
    void fontsReady();
  }, []);

  const onRenderer = useCallback(
    (r: BoardRenderer | null) => {
      setRenderer(r);
      if (r) setPercent(Math.round(r.viewport().scale * 100));
      onViewReady?.(r ? r.viewHandle() : null);
    },
    [onViewReady],
  );
  const onNaiveReady = useCallback((h: BoardViewHandle | null) => onViewReady?.(h), [onViewReady]);


  useRulesVersion(board);
  const readOnly = board.readOnly;
  // What this step lets participants add (the hub refuses the rest; hiding it is a courtesy).
  const tools = runsSession(board.role()) ? null : participantTools(board.doc);
  const mayAdd = (type: RecordType) => tools === null || tools.includes(type);
  const summary = useMemo(() => {
    void boardVersion;
    let notes = 0;
    let clusters = 0;
    let inCluster = 0;
    let connectors = 0;
    const colors = new Set<string>();
    for (const id of state.selected) {
      const r = board.get(id);
      if (!r) continue;
      if ('color' in r) {
        notes++;
        colors.add(r.color);
        if (r.clusterId) inCluster++;
      } else if (r.type === 'cluster') clusters++;
      else if (isLink(r)) connectors++;
    }
    const total = [...state.selected].filter((id) => board.get(id)).length;
    return { notes, clusters, inCluster, connectors, total, color: colors.size === 1 ? ([...colors][0] as NoteColor) : null };
  }, [board, state, boardVersion]);

  const activeColor = summary.color ?? renderer?.commands.currentNoteColor() ?? null;

  const onToolbarKeyDown = (e: ReactKeyboardEvent<HTMLDivElement>) => {
    // Board shortcuts (Ctrl+Z …) work from the toolbar too.
    if ((e.ctrlKey || e.metaKey) && renderer?.handleKey(e.nativeEvent)) return;
    if (!['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(e.key)) return;
    const buttons = [...e.currentTarget.querySelectorAll<HTMLButtonElement>('button:not(:disabled)')];
    const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (i < 0) return;
    e.preventDefault();
    const next = e.key === 'Home' ? 0 : e.key === 'End' ? buttons.length - 1 : (i + (e.key === 'ArrowRight' ? 1 : -1) + buttons.length) % buttons.length;
    buttons[next]?.focus();
  };

  const tool = (icon: IconName, label: string, onClick: () => void, options: { disabled?: boolean; shortcut?: string; pressed?: boolean; showLabel?: boolean; testId?: string } = {}) => (
    <button
      type="button"
      className={options.showLabel ? 'board-tool board-tool-labelled' : 'board-tool'}
      aria-label={label}
      aria-keyshortcuts={options.shortcut}
      aria-pressed={options.pressed}
      title={options.shortcut ? `${label} (${options.shortcut})` : label}
      disabled={options.disabled || !renderer}
      onClick={onClick}
      data-testid={options.testId}
    >
      <Icon name={icon} />
      {options.showLabel && <span aria-hidden="true">{label}</span>}
    </button>
  );

  const menuItem = (icon: IconName, label: string, onSelect: () => void, disabled = false) => (
    <DropdownMenu.Item className="board-menu-item" disabled={disabled || !renderer} onSelect={onSelect}>
      <Icon name={icon} />
      {label}
    </DropdownMenu.Item>
  );

  return (
    <div className={outlineOpen && outline ? 'board-workspace with-outline' : 'board-workspace'}>
      <section className="board-main" aria-label={t('canvas.region')}>
        {naive ? (
          <Suspense fallback={null}>
            <NaiveBoard board={board} onViewReady={onNaiveReady} />
          </Suspense>
        ) : (
          <BoardCanvas board={board} selection={selection} undo={undo} author={author} noteColor={noteColor} onRenderer={onRenderer} onViewportChange={(vp) => setPercent(Math.round(vp.scale * 100))} presence={presence} />
        )}
        {compact ? (
          <div className={simple ? 'board-toolbar board-toolbar-compact board-toolbar-simple' : 'board-toolbar board-toolbar-compact'} role="toolbar" aria-label={t('canvas.toolbar')} onKeyDown={onToolbarKeyDown}>
            {!readOnly && (
              <>
                {mayAdd('note') && tool('note', t('canvas.addNote'), () => renderer?.commands.addNote(), { shortcut: 'N', showLabel: true })}
                {tool('edit', t('screen.editText'), () => renderer?.commands.editSelected(), { shortcut: 'Enter', disabled: summary.total !== 1 })}
                {undo && tool('undo', t('canvas.undo'), () => renderer?.commands.doUndo(), { shortcut: 'Control+Z', disabled: !history.canUndo })}
                {undo && tool('redo', t('canvas.redo'), () => renderer?.commands.doRedo(), { shortcut: 'Control+Shift+Z', disabled: !history.canRedo })}
              </>
            )}
            <DropdownMenu.Root modal={false}>
              <DropdownMenu.Trigger asChild>
                <button type="button" className="board-tool" aria-label={t('screen.more')} title={t('screen.more')} disabled={!renderer}>
                  <Icon name="more" />
                </button>
              </DropdownMenu.Trigger>
              <DropdownMenu.Portal>
                <DropdownMenu.Content className="board-menu" align="end" sideOffset={6} collisionPadding={8}>
                  {!readOnly && (
                    <>
                      {mayAdd('frame') && menuItem('frame', t('canvas.addFrame'), () => renderer?.commands.addFrame())}
                      {mayAdd('frame') && <TemplateSubMenu board={board} view={() => renderer?.viewHandle() ?? null} disabled={!renderer} />}
                      {menuItem('delete', t('canvas.delete'), () => renderer?.commands.deleteSelected(), summary.total === 0)}
                      {menuItem('duplicate', t('canvas.duplicate'), () => renderer?.commands.duplicateSelected(), summary.total === 0)}
                      {menuItem('group', t('canvas.group'), () => renderer?.commands.groupSelected(), summary.notes === 0)}
                      {menuItem('ungroup', t('canvas.ungroup'), () => renderer?.commands.ungroupSelected(), summary.clusters === 0 && summary.inCluster === 0)}
                      {menuItem('connect', t('canvas.connect'), () => renderer?.commands.connectSelected(), summary.total - summary.connectors !== 2 || summary.connectors > 0)}
                      <DropdownMenu.Separator className="board-menu-sep" />
                      <DropdownMenu.Label className="board-menu-label">{t('canvas.colors')}</DropdownMenu.Label>
                      <DropdownMenu.RadioGroup
                        value={activeColor ?? ''}
                        onValueChange={(color) => {
                          renderer?.commands.recolorSelected(color as NoteColor);
                          setTick((n) => n + 1);
                        }}
                      >
                        {NOTE_COLOR_NAMES.map((color) => (
                          <DropdownMenu.RadioItem key={color} value={color} className="board-menu-item">
                            <span className="board-menu-swatch" style={{ background: NOTE_COLORS[color] }} aria-hidden="true" />
                            {t(`canvas.color.${color}`)}
                            <DropdownMenu.ItemIndicator className="board-menu-check">✓</DropdownMenu.ItemIndicator>
                          </DropdownMenu.RadioItem>
                        ))}
                      </DropdownMenu.RadioGroup>
                    </>
                  )}
                  {outline && (
                    <>
                      {!readOnly && <DropdownMenu.Separator className="board-menu-sep" />}
                      <DropdownMenu.CheckboxItem className="board-menu-item" checked={outlineOpen} onCheckedChange={(open) => setOutlineOpen(open)}>
                        <Icon name="outline" />
                        {t('canvas.outline')}
                        <DropdownMenu.ItemIndicator className="board-menu-check">✓</DropdownMenu.ItemIndicator>
                      </DropdownMenu.CheckboxItem>
                    </>
                  )}
                </DropdownMenu.Content>
              </DropdownMenu.Portal>
            </DropdownMenu.Root>
          </div>
        ) : (
          <div className="board-toolbar" role="toolbar" aria-label={t('canvas.toolbar')} onKeyDown={onToolbarKeyDown}>
            {!readOnly && (
              <>
                {mayAdd('note') && tool('note', t('canvas.addNote'), () => renderer?.commands.addNote(), { shortcut: 'N', showLabel: true })}
                {mayAdd('frame') && tool('frame', t('canvas.addFrame'), () => renderer?.commands.addFrame())}
                {mayAdd('frame') && <TemplateMenu board={board} view={() => renderer?.viewHandle() ?? null} disabled={!renderer} />}
                <span className="board-sep" aria-hidden="true" />
                <div className="board-swatches" role="group" aria-label={t('canvas.colors')}>
                  {NOTE_COLOR_NAMES.map((color) => (
                    <button
                      key={color}
                      type="button"
                      className="board-swatch"
                      style={{ background: NOTE_COLORS[color] }}
                      aria-label={t(`canvas.color.${color}`)}
                      title={t(`canvas.color.${color}`)}
                      aria-pressed={activeColor === color}
                      disabled={!renderer}
                      onClick={() => {
                        renderer?.commands.recolorSelected(color);
                        setTick((n) => n + 1); // the default colour for new notes changed
                      }}
                    />
                  ))}
                </div>
                <span className="board-sep" aria-hidden="true" />
                {tool('group', t('canvas.group'), () => renderer?.commands.groupSelected(), { shortcut: 'Control+G', disabled: summary.notes === 0 })}
                {tool('ungroup', t('canvas.ungroup'), () => renderer?.commands.ungroupSelected(), { shortcut: 'Control+Shift+G', disabled: summary.clusters === 0 && summary.inCluster === 0 })}
                {tool('connect', t('canvas.connect'), () => renderer?.commands.connectSelected(), { disabled: summary.total - summary.connectors !== 2 || summary.connectors > 0 })}
                {tool('duplicate', t('canvas.duplicate'), () => renderer?.commands.duplicateSelected(), { shortcut: 'Control+D', disabled: summary.total === 0 })}
                {tool('delete', t('canvas.delete'), () => renderer?.commands.deleteSelected(), { shortcut: 'Delete', disabled: summary.total === 0 })}
                {undo && (
                  <>
                    <span className="board-sep" aria-hidden="true" />
                    {tool('undo', t('canvas.undo'), () => renderer?.commands.doUndo(), { shortcut: 'Control+Z', disabled: !history.canUndo })}
                    {tool('redo', t('canvas.redo'), () => renderer?.commands.doRedo(), { shortcut: 'Control+Shift+Z', disabled: !history.canRedo })}
                  </>
                )}
              </>
            )}
            {outline && (
              <>
                {!readOnly && <span className="board-sep" aria-hidden="true" />}
                {tool('outline', outlineOpen ? t('canvas.outlineHide') : t('canvas.outlineShow'), () => setOutlineOpen((o) => !o), { pressed: outlineOpen })}
              </>
            )}
          </div>
        )}
        {readOnly && (
          <p className="board-readonly" role="status">
            {board.readOnlyReason === 'viewOnly' ? t('canvas.viewOnly') : board.readOnlyReason === 'observer' ? t('canvas.observer') : t('canvas.readOnly')}
          </p>
        )}
        <div className="board-zoom" role="group" aria-label={t('canvas.zoomLevelLabel', { percent })}>
          {tool('zoomOut', t('canvas.zoomOut'), () => renderer?.zoomOut(), { shortcut: 'Control+-' })}
          <output className="board-zoom-level" aria-live="off" data-testid="zoom-level">
            {t('canvas.zoomLevel', { percent })}
          </output>
          {tool('zoomIn', t('canvas.zoomIn'), () => renderer?.zoomIn(), { shortcut: 'Control+=' })}
          {tool('fit', t('canvas.fit'), () => renderer?.fit(), { shortcut: 'Shift+1' })}
        </div>
        <p className="visually-hidden" role="status" aria-live="polite">
          {summary.total > 1 ? t('canvas.selected', { count: summary.total }) : ''}
        </p>
      </section>
      {outline && outlineOpen && <aside className="board-outline-pane">{outline}</aside>}
    </div>
  );
}

/** Phones, tablets and narrow windows: one toolbar row, the rest in a menu. */
export const COMPACT_QUERY = '(max-width: 960px)';

export function useMediaQuery(query: string): boolean {
  const subscribe = useCallback(
    (onChange: () => void) => {
      if (typeof matchMedia !== 'function') return () => {};
      const list = matchMedia(query);
      list.addEventListener('change', onChange);
      return () => list.removeEventListener('change', onChange);
    },
    [query],
  );
  return useSyncExternalStore(subscribe, () => typeof matchMedia === 'function' && matchMedia(query).matches);
}

/** Bumps once per animation frame at most when the board changes (toolbar state, read-only). */
function useBoardVersion(board: Board): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let frame = 0;
    const dispose = board.observe(() => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        setVersion((v) => v + 1);
      });
    });
    return () => {
      dispose();
      cancelAnimationFrame(frame);
    };
  }, [board]);
  return version;
}

function useUndoState(undo: UndoLike | null): { canUndo: boolean; canRedo: boolean } {
  const [state, setState] = useState({ canUndo: false, canRedo: false });
  useEffect(() => {
    if (!undo) return;
    const update = () => setState({ canUndo: undo.canUndo(), canRedo: undo.canRedo() });
    update();
    const events = ['stack-item-added', 'stack-item-popped', 'stack-cleared'] as const;
    for (const event of events) undo.on?.(event, update);
    return () => {
      for (const event of events) undo.off?.(event, update);
    };
  }, [undo]);
  return state;
}
