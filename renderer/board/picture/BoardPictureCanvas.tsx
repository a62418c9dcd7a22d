// The board's picture on screen while the board itself loads, over the place the live board takes.
// It is only a picture: nothing on it can be selected or edited, and it says so.
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { MadangDatabase } from '../../db/database';
import { useT } from '../../i18n';
import { zoneLabelKey } from '../../../shared/i18n/workshop';
import { afterNextPaint } from '../../../shared/util/afterNextPaint';
import type { BoardViewHandle } from '../view';
import { takeBoardPictureRead, type BoardPicture } from './boardPicture';
import { PicturePainter } from './picturePainter';

/** performance.mark name, with detail { items, drawn }, when the picture is first drawn. */
export const PICTURE_MARK = 'madang:board-picture';

/** The longest the board's load waits for its picture to reach the screen. */
const MAX_PICTURE_WAIT_MS = 1000;

export interface BoardPictureState {
  /** The picture to show, while the live board has not drawn yet; null when there is none. */
  picture: BoardPicture | null;
  /** Resolves once the picture is on screen, or at once when there is none to show. */
  shown: Promise<void>;
  /** For the picture's canvas: it is on screen. */
  onShown(): void;
}

/**
 * Reads the board's picture once per board and keeps it until the live view has drawn. Loading
 * the board waits on `shown`, so the picture reaches the screen before the Yjs load holds the thread.
 */
export function useBoardPicture(db: MadangDatabase, boardId: string, view: BoardViewHandle | null): BoardPictureState {
  const gate = useMemo(() => {
    let open = () => {};
    const shown = new Promise<void>((resolve) => (open = resolve));
    return { shown, open };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- a new gate for every board opened
  }, [db, boardId]);
  const [picture, setPicture] = useState<{ boardId: string; picture: BoardPicture } | null>(null);
  const [liveDrawn, setLiveDrawn] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    let bound: ReturnType<typeof setTimeout> | undefined;
    void takeBoardPictureRead(db, boardId).then((found) => {
      if (cancelled) return;
      if (!found) return gate.open();
      setPicture({ boardId, picture: found });
      // The picture is drawn within a frame; whatever keeps it off screen must not keep the board from loading.
      bound = setTimeout(gate.open, MAX_PICTURE_WAIT_MS);
    });
    return () => {
      cancelled = true;
      clearTimeout(bound);
      gate.open();
    };
  }, [db, boardId, gate]);

  // The picture goes once the live board has drawn itself (a bounded wait: a view that never
  // reports a draw, such as the naive bench baseline, must not stay hidden behind it).
  useEffect(() => {
    if (!view) return;
    let frames = 0;
    let frame = requestAnimationFrame(function check() {
      if (view.stats().firstDrawAt !== null || ++frames > 30) {
        setLiveDrawn(boardId);
        setPicture(null); // its records are not needed any more
      }
      else frame = requestAnimationFrame(check);
    });
    return () => cancelAnimationFrame(frame);
  }, [view, boardId]);

  const current = picture?.boardId === boardId && liveDrawn !== boardId ? picture.picture : null;
  return { picture: current, shown: gate.shown, onShown: gate.open };
}

export function BoardPictureCanvas({ picture, onShown }: { picture: BoardPicture; onShown(): void }) {
  const t = useT();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const latestT = useRef(t);
  useEffect(() => {
    latestT.current = t;
  });

  // Drawn before the browser paints the new canvas, so it never shows empty.
  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return onShown();
    let painter: PicturePainter | null = null;
    let observer: ResizeObserver | null = null;
    try {
      painter = new PicturePainter(canvas, picture, (kind, zone) => latestT.current(zoneLabelKey(kind, zone)));
      const drawn = painter.paint();
      performance.mark?.(PICTURE_MARK, { detail: { items: painter.items, drawn } });
      const repaint = painter;
      let first = true; // observe() reports the size just drawn at
      observer = new ResizeObserver(() => {
        if (!first) repaint.paint();
        first = false;
      });
      observer.observe(canvas);
    } catch {
      // A picture that cannot be drawn is no picture: the board opens as it always did.
    }
    void afterNextPaint().then(onShown);
    return () => {
      observer?.disconnect();
      painter?.destroy();
      onShown();
    };
  }, [picture, onShown]);

  return (
    <div className="board-picture">
      <canvas ref={canvasRef} role="img" aria-label={t('board.pictureLabel')} />
      <p className="board-picture-status" role="status">
        {t('board.opening')}
      </p>
    </div>
  );
}
