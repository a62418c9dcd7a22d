import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import Konva from 'konva/lib/Core';
import { Awareness, applyAwarenessUpdate } from 'y-protocols/awareness';
import { Board } from '../../../shared/board/board';
import { createNotes } from '../../../shared/board/commands';
import { PRESENCE_LIMITS, cursorIntervalMs } from '../../../shared/sync/presence';
import { BoardRenderer } from '../BoardRenderer';
import { createSelection } from '../selection';
import type { Viewport } from '../viewport';
import { BoardPresence } from './BoardPresence';
import type { PresenceShape } from './drawPresence';
import { createPresenceChannel } from './presenceChannel';
import { fakeCanvas2d, manualClock, remoteUpdate, type CanvasCall } from './testing';

let canvas: ReturnType<typeof fakeCanvas2d>;
const cleanups: Array<() => void> = [];
beforeEach(() => {
  canvas = fakeCanvas2d();
});
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
  canvas.restore();
  document.body.innerHTML = '';
});

function room() {
  const awareness = new Awareness(new Y.Doc());
  awareness.setLocalStateField('user', { name: '나', color: '#2f9e44', role: 'participant' });
  const { clock, advance } = manualClock();
  const channel = createPresenceChannel(awareness, clock);
  cleanups.push(() => awareness.destroy(), () => channel.destroy());
  const versions = new Map<number, number>();
  const peer = (clientId: number, state: unknown) => {
    const version = (versions.get(clientId) ?? 0) + 1;
    versions.set(clientId, version);
    applyAwarenessUpdate(awareness, remoteUpdate(clientId, version, state), 'peer');
  };
  return { awareness, channel, peer, advance, clock };
}

const person = (i: number, role = 'participant') => ({ name: `참가자${i}`, color: i % 2 ? '#1971c2' : '#ffd43b', role });
const on = (calls: CanvasCall[], layer: Konva.Layer, method: string) => calls.filter((c) => c.canvas === layer.getCanvas()._canvas && c.method === method);

/** A presence layer on a stage of its own, over a board of three known notes. */
function standalone(vp: Viewport = { x: 0, y: 0, scale: 1 }) {
  const { channel, peer, clock, advance } = room();
  const container = document.createElement('div');
  document.body.appendChild(container);
  const stage = new Konva.Stage({ container, width: 1600, height: 900 });
  const shapes = new Map<string, PresenceShape>([
    ['n1', { rect: { x: 100, y: 100, w: 160, h: 120 }, fill: '#ffe8a3' }],
    ['n2', { rect: { x: 300, y: 100, w: 160, h: 120 }, fill: '#c5e1ff' }],
    ['f1', { rect: { x: 50, y: 50, w: 600, h: 400 }, fill: null }],
  ]);
  let viewport = vp;
  const presence = new BoardPresence(channel, { viewport: () => viewport, size: () => ({ width: 1600, height: 900 }), shapeOf: (id) => shapes.get(id) }, createSelection(), undefined, clock);
  stage.add(presence.layer);
  cleanups.push(() => presence.destroy(), () => stage.destroy());
  const draw = () => {
    presence.layer.draw();
    return presence.stats();
  };
  return { presence, peer, draw, advance, setViewport: (next: Viewport) => (viewport = next) };
}

describe('presence overlay: how often it draws', () => {
  it('a busy room asks for at most one presence frame per cursor interval, and the last one shows where everyone is now', () => {
    const { presence, peer, advance } = standalone();
    for (let i = 1; i <= 24; i++) peer(i, { user: person(i), cursor: null });
    advance(1_000);
    const requests = vi.spyOn(presence.layer, 'batchDraw');
    // 24 others each moving twice: 48 changes, one frame now and one when the interval of a room
    // of 25 (250 ms: no one's cursor moves more often) is over.
    for (let step = 0; step < 2; step++) for (let i = 1; i <= 24; i++) peer(i, { user: person(i), cursor: { x: 100 + step * 50 + i, y: 200 } });
    expect(cursorIntervalMs(25)).toBe(250);
    expect(requests).toHaveBeenCalledTimes(1);
    advance(249);
    expect(requests).toHaveBeenCalledTimes(1);
    advance(1);
    expect(requests).toHaveBeenCalledTimes(2);
    // Nothing new: no more frames.
    advance(1_000);
    expect(requests).toHaveBeenCalledTimes(2);
    canvas.calls.length = 0;
    presence.layer.draw();
    const cursorAt = on(canvas.calls, presence.layer, 'translate').map((c) => c.args);
    expect(cursorAt).toContainEqual([174, 200]);
    expect(cursorAt).not.toContainEqual([124, 200]);
  });
});

describe('presence overlay: what it draws', () => {
  it('3 people: 3 cursors with their names, their selections outlined, a drag as ghosts', () => {
    const { presence, peer, draw } = standalone();
    peer(1, { user: person(1), cursor: { x: 400, y: 300 }, selection: ['n1'], drag: null });
    peer(2, { user: person(2), cursor: { x: 800, y: 500 }, selection: ['n2', 'missing'], drag: { ids: ['n2'], dx: 40, dy: 10 } });
    peer(3, { user: person(3, 'facilitator'), cursor: { x: 10, y: 10 }, selection: ['f1'] });
    const stats = draw();
    expect(stats).toMatchObject({ people: 3, cursors: 3, outlines: 2, ghosts: 1 });
    const names = on(canvas.calls, presence.layer, 'fillText').map((c) => c.args[0]);
    expect(names.sort()).toEqual(['참가자1', '참가자2', '참가자3']);
  });

  it('30 people: the facilitator and the 7 nearest get cursors; everyone is still counted, selections and drags of all are drawn', () => {
    const { presence, peer, draw } = standalone();
    // The viewport centre (800, 450) is the focus while this user's pointer is off the board.
    for (let i = 1; i <= 29; i++) peer(i, { user: person(i), cursor: { x: 800 + i * 20, y: 450 }, selection: i === 29 ? ['n1'] : [] });
    peer(30, { user: person(30, 'facilitator'), cursor: { x: 10, y: 880 }, drag: { ids: ['n1', 'n2'], dx: 5, dy: 5 } });
    const stats = draw();
    expect(stats).toMatchObject({ people: 30, cursors: PRESENCE_LIMITS.visibleCursors, outlines: 1, ghosts: 2 });
    const names = on(canvas.calls, presence.layer, 'fillText').map((c) => c.args[0]);
    expect(names).toEqual(['참가자30', ...[1, 2, 3, 4, 5, 6, 7].map((i) => `참가자${i}`)]);
  });

  it('follows this user: the people nearest their own pointer get the cursors', () => {
    const { presence, peer, draw } = standalone();
    for (let i = 1; i <= 30; i++) peer(i, { user: person(i), cursor: { x: i * 50, y: 450 } });
    presence.pointer({ x: 1500, y: 450 });
    draw();
    const names = on(canvas.calls, presence.layer, 'fillText').map((c) => String(c.args[0]));
    expect(names.sort()).toEqual([26, 27, 28, 29, 30, 23, 24, 25].map((i) => `참가자${i}`).sort());
  });

  it('cursors and labels keep their screen size at any zoom; cursors off screen are not drawn', () => {
    const { presence, peer, draw, setViewport } = standalone();
    peer(1, { user: person(1), cursor: { x: 200, y: 100 } });
    const frameAt = (scale: number) => {
      setViewport({ x: 0, y: 0, scale });
      canvas.calls.length = 0;
      draw();
      const pick = (m: string) => on(canvas.calls, presence.layer, m).map((c) => c.args);
      return { translate: pick('translate'), scale: pick('scale'), label: pick('roundRect') };
    };
    const far = frameAt(0.25);
    const near = frameAt(4);
    expect(far.label).toEqual(near.label);
    expect(far.scale.at(-1)).toEqual([4, 4]);
    expect(near.scale.at(-1)).toEqual([0.25, 0.25]);
    expect(near.translate.at(-1)).toEqual([200, 100]);
    setViewport({ x: -100_000, y: 0, scale: 1 });
    expect(draw().cursors).toBe(0);
  });

  it('text on a light colour is dark, on a dark colour white', () => {
    const { presence, peer, draw } = standalone();
    peer(1, { user: { name: 'dark', color: '#1971c2' }, cursor: { x: 100, y: 100 } });
    peer(2, { user: { name: 'light', color: '#ffd43b' }, cursor: { x: 300, y: 100 } });
    draw();
    // The fill style in force when each name is drawn.
    const styles: Record<string, unknown> = {};
    let fill: unknown = null;
    for (const c of canvas.calls) {
      if (c.canvas !== presence.layer.getCanvas()._canvas) continue;
      if (c.method === 'fillStyle=') fill = c.args[0];
      if (c.method === 'fillText') styles[String(c.args[0])] = fill;
    }
    expect(styles).toEqual({ dark: '#ffffff', light: '#1f2328' });
  });
});

describe('presence on the board canvas', () => {
  function mount(withPresence = true) {
    const root = document.createElement('div');
    const host = document.createElement('div');
    root.appendChild(host);
    document.body.appendChild(root);
    const doc = new Y.Doc();
    const board = Board.create(doc, { boardId: 'presence' });
    const ids = createNotes(board, [0, 1, 2].map((i) => ({ text: `의견 ${i}`, x: i * 200, y: 0, color: 'yellow' as const, author: '나' })))!;
    const selection = createSelection();
    const renderer = new BoardRenderer({ host, overlayParent: root, board, selection, undo: null, author: '나', t: (key) => key });
    renderer.resize(1600, 900);
    renderer.fit();
    const r = room();
    const detach = withPresence ? renderer.attachPresence(r.channel) : () => {};
    cleanups.push(() => renderer.destroy(), detach);
    const local = () => r.awareness.getLocalState() as Record<string, unknown>;
    const pointer = (type: string, world: { x: number; y: number }, init: PointerEventInit = {}) => {
      const vp = renderer.viewport();
      host.dispatchEvent(new PointerEvent(type, { bubbles: true, pointerId: 1, button: 0, clientX: world.x * vp.scale + vp.x, clientY: world.y * vp.scale + vp.y, ...init }));
    };
    return { renderer, board, doc, ids, selection, host, local, pointer, detach, ...r };
  }
  const frames = async (n = 2) => {
    for (let i = 0; i < n; i++) await new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
  };

  it('without a presence channel the canvas is as before: three layers', () => {
    const { renderer } = mount(false);
    expect(renderer.stage.getLayers()).toHaveLength(3);
  });

  it('adds one layer of its own; on detach removes it and clears this user for the others', () => {
    const { renderer, detach, pointer, selection, ids, local, advance } = mount();
    expect(renderer.stage.getLayers()).toHaveLength(4);
    pointer('pointermove', { x: 10, y: 10 });
    selection.set([ids[0]!]);
    advance(200);
    expect(local()).toMatchObject({ cursor: { x: 10, y: 10 }, selection: [ids[0]] });
    detach();
    expect(renderer.stage.getLayers()).toHaveLength(3);
    advance(200);
    expect(local()).toMatchObject({ cursor: null, selection: [], drag: null });
  });

  it('remote cursor moves redraw the presence layer only, never the board', async () => {
    const { renderer, peer, pointer } = mount();
    await frames();
    const [content, drag, ui, presenceLayer] = renderer.stage.getLayers() as [Konva.Layer, Konva.Layer, Konva.Layer, Konva.Layer];
    const spies = [content, drag, ui].flatMap((layer) => [vi.spyOn(layer, 'draw'), vi.spyOn(layer, 'batchDraw')]);
    const presenceDraws = vi.spyOn(presenceLayer, 'draw');
    for (let step = 0; step < 20; step++) {
      for (let i = 1; i <= 30; i++) peer(i, { user: person(i), cursor: { x: step * 10 + i, y: 50 } });
      pointer('pointermove', { x: 300 + step, y: 60 });
    }
    await frames();
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    // 600 awareness changes, batched into a frame or two.
    expect(presenceDraws.mock.calls.length).toBeGreaterThanOrEqual(1);
    expect(presenceDraws.mock.calls.length).toBeLessThanOrEqual(3);
  });

  it('publishes the pointer in board coordinates, and null when it leaves the canvas', () => {
    const { local, pointer, host, advance } = mount();
    pointer('pointermove', { x: 123, y: -45 });
    expect(local()['cursor']).toEqual({ x: 123, y: -45 });
    advance(200);
    host.dispatchEvent(new PointerEvent('pointerleave'));
    expect(local()['cursor']).toBeNull();
  });

  it('publishes the selection, and a drag live; the drag ends before the move is written', () => {
    const { local, pointer, ids, selection, doc, awareness, board, advance } = mount();
    selection.set([ids[1]!, ids[2]!]);
    expect(local()['selection']).toEqual([ids[1], ids[2]]);
    advance(200);
    selection.clear();
    expect(local()['selection']).toEqual([]);
    advance(200);

    const order: string[] = [];
    doc.on('update', () => order.push('doc'));
    awareness.on('update', () => order.push(`drag ${JSON.stringify(awareness.getLocalState()?.['drag'])}`));
    pointer('pointerdown', { x: 80, y: 60 });
    expect(local()['selection']).toEqual([ids[0]]);
    advance(200);
    pointer('pointermove', { x: 100, y: 60 });
    advance(200);
    expect(local()['drag']).toEqual({ ids: [ids[0]], dx: 20, dy: 0 });
    pointer('pointermove', { x: 130, y: 75 });
    advance(200);
    expect(local()['drag']).toEqual({ ids: [ids[0]], dx: 50, dy: 15 });
    expect(board.get(ids[0]!)).toMatchObject({ geometry: { x: 0, y: 0 } });
    pointer('pointerup', { x: 130, y: 75 });
    expect(local()['drag']).toBeNull();
    expect(board.get(ids[0]!)).toMatchObject({ geometry: { x: 50, y: 15 } });
    expect(order.indexOf('drag null')).toBeGreaterThanOrEqual(0);
    expect(order.indexOf('drag null')).toBeLessThan(order.indexOf('doc'));
  });

  it('draws remote selections and drags where the records are on this board', () => {
    const { renderer, peer, ids } = mount();
    peer(1, { user: person(1), cursor: { x: 10, y: 10 }, selection: [ids[0]], drag: { ids: [ids[1]], dx: 30, dy: 30 } });
    const presenceLayer = renderer.stage.getLayers()[3]!;
    canvas.calls.length = 0;
    presenceLayer.draw();
    const rects = on(canvas.calls, presenceLayer, 'rect').map((c) => c.args);
    const ghosts = on(canvas.calls, presenceLayer, 'strokeRect').map((c) => c.args);
    const gap = 6 / renderer.viewport().scale;
    expect(rects).toEqual([[-gap, -gap, 160 + 2 * gap, 120 + 2 * gap]]);
    expect(ghosts).toEqual([[230, 30, 160, 120]]);
  });
});
