import { afterEach, expect, it } from 'vitest';
import * as Y from 'yjs';
import { WebrtcProvider } from 'y-webrtc';

// Another tab of the same browser listens on the room's BroadcastChannel (Node has the same API).
// With lib0's module y-webrtc posts its sync steps, awareness and every edit there; with ours,
// nothing. A marker sent from a second channel after the edit shows when to stop listening.
const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

it("y-webrtc posts nothing to the browser's other tabs: they sync through the hub", async () => {
  const room = 'madang-no-cross-tab';
  const otherTab = new BroadcastChannel(room);
  const marker = new BroadcastChannel(room);
  cleanups.push(() => otherTab.close(), () => marker.close());
  const heard: unknown[] = [];
  const markerHeard = new Promise<void>((resolve) => {
    otherTab.onmessage = (event: MessageEvent) => {
      if (event.data === 'marker') resolve();
      else heard.push(event.data);
    };
  });

  const doc = new Y.Doc();
  const provider = new WebrtcProvider(room, doc, { signaling: [] });
  cleanups.push(() => provider.destroy());
  await provider.key;
  doc.getMap('notes').set('n1', '골목길이 어두워요');
  await Promise.resolve();
  marker.postMessage('marker');
  await markerHeard;

  expect(heard).toEqual([]);
});
