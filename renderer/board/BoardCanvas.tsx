// Mounts the imperative BoardRenderer into the page. React owns only the two container elements;
// everything inside them (Konva's canvases, the text overlay) is the renderer's, so no React
// render can disturb a composition in progress.
import { useEffect, useId, useRef } from 'react';
import type { Board } from '../../shared/board/board';
import type { NoteColor } from '../../shared/board/types';
import type { Selection } from './selection';
import { BoardRenderer, type UndoLike } from './BoardRenderer';
import { useT } from '../i18n';
import type { Viewport } from './viewport';
import type { PresenceChannel } from './presence/presenceChannel';

export interface BoardCanvasProps {
  board: Board;
  selection: Selection;
  undo: UndoLike | null;
  author: string;
  /** The colour of new notes until the user picks another. */
  noteColor?: NoteColor;
  onRenderer?(renderer: BoardRenderer | null): void;
  onViewportChange?(vp: Viewport): void;
  /** The room's presence: others' cursors, selections and drags are drawn, and ours published. */
  presence?: PresenceChannel;
}

export function BoardCanvas({ board, selection, undo, author, noteColor, onRenderer, onViewportChange, presence }: BoardCanvasProps) {
  const t = useT();
  const rootRef = useRef<HTMLDivElement>(null);
  const hostRef = useRef<HTMLDivElement>(null);
  const rendererRef = useRef<BoardRenderer | null>(null);
  const helpId = useId();
  // Latest callbacks and strings without re-creating the renderer.
  const latest = useRef({ t, author, noteColor, onRenderer, onViewportChange });
  useEffect(() => {
    latest.current = { t, author, noteColor, onRenderer, onViewportChange };
  });

  useEffect(() => {
    const root = rootRef.current;
    const host = hostRef.current;
    if (!root || !host) return;
    const renderer = new BoardRenderer({
      host,
      overlayParent: root,
      board,
      selection,
      undo,
      author: latest.current.author,
      noteColor: latest.current.noteColor,
      t: (key, vars) => latest.current.t(key, vars),
      onViewportChange: (vp) => latest.current.onViewportChange?.(vp),
    });
    const onKeyDown = (e: KeyboardEvent) => {
      renderer.handleKey(e);
    };
    const onKeyUp = (e: KeyboardEvent) => renderer.handleKeyUp(e);
    root.addEventListener('keydown', onKeyDown);
    root.addEventListener('keyup', onKeyUp);
    const observer = new ResizeObserver((entries) => {
      const box = entries[0]?.contentRect;
      if (box) renderer.resize(box.width, box.height);
    });
    observer.observe(host);
    rendererRef.current = renderer;
    latest.current.onRenderer?.(renderer);
    return () => {
      rendererRef.current = null;
      observer.disconnect();
      root.removeEventListener('keydown', onKeyDown);
      root.removeEventListener('keyup', onKeyUp);
      latest.current.onRenderer?.(null);
      renderer.destroy();
    };
  }, [board, selection, undo]);

  // Its own effect: the room often connects after the board is on screen, and attaching then
  // must not rebuild the renderer (and lose the camera). Declared after the renderer's effect, so
  // it runs after it; board, selection and undo are listed because they make a new renderer.
  useEffect(() => {
    const renderer = rendererRef.current;
    if (!renderer || !presence) return;
    return renderer.attachPresence(presence);
  }, [board, selection, undo, presence]);

  return (
    <div className="board-canvas" ref={rootRef}>
      <div
        ref={hostRef}
        className="board-stage"
        tabIndex={0}
        role="application"
        aria-label={t('canvas.label')}
        aria-describedby={helpId}
        data-testid="board-canvas"
      />
      <p id={helpId} className="visually-hidden">
        {t('canvas.help')}
      </p>
    </div>
  );
}
