// Flat note list for the automation API: plain numbers and strings, no Yjs.
import type { Board } from './board';

export interface AutomationNote {
  id: string;
  text: string;
  x: number;
  y: number;
  w: number;
  h: number;
  frameId?: string;
  clusterId?: string;
}

export function automationNotes(board: Board): AutomationNote[] {
  return board.notes().map((n) => ({
    id: n.id,
    text: n.text,
    x: n.geometry.x,
    y: n.geometry.y,
    w: n.geometry.w,
    h: n.geometry.h,
    ...(n.frameId ? { frameId: n.frameId } : {}),
    ...(n.clusterId ? { clusterId: n.clusterId } : {}),
  }));
}
