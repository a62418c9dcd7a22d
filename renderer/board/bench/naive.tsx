// Bench-only baseline: the board drawn the naive react-konva way — one component per note
// (Group + Rect + Text), every note mounted, no culling, no level of detail, camera in React
// state. Loaded by dynamic import() only with ?automation=1&bench=naive, so react-konva never
// reaches the app's main chunk. It answers the same BoardViewHandle as the real canvas.
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { Group, Layer, Rect, Stage, Text } from 'react-konva';
import type Konva from 'konva';
import type { Board } from '../../../shared/board/board';
import { NOTE_COLORS, NOTE_TEXT_COLOR, type NoteRecord } from '../../../shared/board/types';
import { fitRect, zoomAt, type Viewport } from '../viewport';
import type { BoardViewHandle } from '../view';

interface Props {
  board: Board;
  onViewReady(handle: BoardViewHandle | null): void;
}

function NoteNode({ note }: { note: NoteRecord }) {
  const { x, y, w, h } = note.geometry;
  return (
    <Group x={x} y={y}>
      <Rect width={w} height={h} fill={NOTE_COLORS[note.color]} />
      <Text
        text={note.text}
        width={w}
        height={h}
        padding={12}
        fontSize={16}
        lineHeight={1.35}
        fontFamily='"Noto Sans KR", sans-serif'
        fill={NOTE_TEXT_COLOR}
        align="center"
        verticalAlign="middle"
        wrap="word"
      />
    </Group>
  );
}

export default function NaiveBoard({ board, onViewReady }: Props) {
  const boxRef = useRef<HTMLDivElement>(null);
  const stageRef = useRef<Konva.Stage>(null);
  const [size, setSize] = useState({ width: 1, height: 1 });
  const [notes, setNotes] = useState(() => board.notes());
  const [vp, setVp] = useState<Viewport>({ x: 0, y: 0, scale: 1 });
  const latest = useRef({ vp, size, notes, onViewReady });
  useEffect(() => {
    latest.current = { vp, size, notes, onViewReady };
  });

  useEffect(() => board.observe(() => setNotes(board.notes())), [board]);

  useLayoutEffect(() => {
    const box = boxRef.current;
    if (!box) return;
    const observer = new ResizeObserver((entries) => {
      const r = entries[0]?.contentRect;
      if (r) setSize({ width: Math.max(1, Math.round(r.width)), height: Math.max(1, Math.round(r.height)) });
    });
    observer.observe(box);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const fit = () => {
      const { notes: list, size: s } = latest.current;
      let bounds: { x: number; y: number; w: number; h: number } | null = null;
      for (const n of list) {
        const g = n.geometry;
        if (!bounds) bounds = { ...g };
        else {
          const x = Math.min(bounds.x, g.x);
          const y = Math.min(bounds.y, g.y);
          bounds = { x, y, w: Math.max(bounds.x + bounds.w, g.x + g.w) - x, h: Math.max(bounds.y + bounds.h, g.y + g.h) - y };
        }
      }
      flushSync(() => setVp(fitRect(bounds, s.width, s.height, 64, 1)));
    };
    const handle: BoardViewHandle = {
      panBy: (dx, dy) => flushSync(() => setVp((v) => ({ ...v, x: v.x + dx, y: v.y + dy }))),
      zoomTo: (scale, cx, cy) => flushSync(() => setVp((v) => zoomAt(v, scale, cx, cy))),
      fit,
      showRect: (rect) => flushSync(() => setVp(fitRect(rect, latest.current.size.width, latest.current.size.height, 48, 1))),
      visibleRect: () => {
        const { vp, size: { width, height } } = latest.current;
        return { x: -vp.x / vp.scale, y: -vp.y / vp.scale, w: width / vp.scale, h: height / vp.scale };
      },
      scale: () => latest.current.vp.scale,
      drawNow: () => {
        const t0 = performance.now();
        const stage = stageRef.current;
        stage?.draw();
        // Same as the real canvas's drawNow: force Chrome's deferred raster into the timing.
        for (const layer of stage?.getLayers() ?? []) layer.getCanvas()._canvas.getContext('2d')?.getImageData(0, 0, 1, 1);
        return performance.now() - t0;
      },
      visibleNodeCount: () => latest.current.notes.length,
      stats: () => ({ createdAt: 0, firstDrawAt: null, draws: 0, lastDrawMs: 0, lastDrawAt: null, lod: 'naive', items: 0 }),
      clientRectOf: () => null,
      counts: () => ({ note: latest.current.notes.length, frame: 0, cluster: 0, connector: 0 }),
    };
    latest.current.onViewReady(handle);
    return () => latest.current.onViewReady(null);
  }, []);

  return (
    <div ref={boxRef} style={{ position: 'absolute', inset: 0, background: '#f6f7f9' }} data-testid="board-canvas-naive">
      <Stage ref={stageRef} width={size.width} height={size.height} x={vp.x} y={vp.y} scaleX={vp.scale} scaleY={vp.scale}>
        <Layer>
          {notes.map((note) => (
            <NoteNode key={note.id} note={note} />
          ))}
        </Layer>
      </Stage>
    </div>
  );
}
