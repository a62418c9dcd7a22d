import { useEffect, useState } from 'react';
import { sessionMap, type Board } from '../../shared/board';

/**
 * Re-renders when the session state changes (agenda, step, roles…) or, at most once a frame, the
 * board's records (a step's frame may arrive or go); returns a version number to key memos on.
 */
export function useSessionVersion(board: Board): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const session = sessionMap(board.doc);
    let frame = 0;
    const bump = () => setVersion((v) => v + 1);
    const later = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        bump();
      });
    };
    session.observe(bump);
    const dispose = board.observe(later);
    return () => {
      session.unobserve(bump);
      dispose();
      cancelAnimationFrame(frame);
    };
  }, [board]);
  return version;
}
