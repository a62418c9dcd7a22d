// Test helpers of this folder (imported by *.test.ts only).
import * as encoding from 'lib0/encoding';
import type { ThrottleClock } from '../../../shared/sync/presence';

/** A clock that moves only when told to: timers run in due order inside advance(). */
export function manualClock() {
  let now = 0;
  let nextId = 1;
  const timers = new Map<number, { at: number; run: () => void }>();
  const clock: ThrottleClock = {
    now: () => now,
    setTimeout: (run, ms) => {
      timers.set(nextId, { at: now + ms, run });
      return nextId++;
    },
    clearTimeout: (handle) => void timers.delete(handle as number),
  };
  const advance = (ms: number) => {
    const end = now + ms;
    for (;;) {
      const due = [...timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      timers.delete(due[0]);
      now = due[1].at;
      due[1].run();
    }
    now = end;
  };
  return { clock, advance, timers };
}

/** An awareness message from another peer, byte for byte as y-protocols encodes it; any JSON fits. */
export function remoteUpdate(clientId: number, clock: number, state: unknown): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint(e, clientId);
  encoding.writeVarUint(e, clock);
  encoding.writeVarString(e, JSON.stringify(state));
  return encoding.toUint8Array(e);
}

export interface CanvasCall {
  canvas: HTMLCanvasElement;
  method: string;
  args: unknown[];
}

/**
 * happy-dom has no 2D canvas; this stands in for one, records every call and property set
 * (`fillStyle=`) for every canvas, and measures text as 7 px a character.
 */
export function fakeCanvas2d(): { calls: CanvasCall[]; restore(): void } {
  const calls: CanvasCall[] = [];
  const original = HTMLCanvasElement.prototype.getContext;
  function getContext(this: HTMLCanvasElement): unknown {
    return recordingContext(this, calls);
  }
  HTMLCanvasElement.prototype.getContext = getContext as unknown as typeof original;
  return { calls, restore: () => void (HTMLCanvasElement.prototype.getContext = original) };
}

function recordingContext(canvas: HTMLCanvasElement, calls: CanvasCall[]): unknown {
  const props: Record<string, unknown> = { canvas };
  return new Proxy(props, {
    get(target, prop: string) {
      if (prop in target) return target[prop];
      return (...args: unknown[]) => {
        calls.push({ canvas, method: prop, args });
        if (prop === 'measureText') return { width: String(args[0]).length * 7 };
        if (prop === 'getImageData') return { data: new Uint8ClampedArray(4) };
        if (prop === 'createPattern') return {};
        return undefined;
      };
    },
    set(target, prop: string, value) {
      calls.push({ canvas, method: `${prop}=`, args: [value] });
      target[prop] = value;
      return true;
    },
  });
}
