import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import type { RoomSyncState } from '../../shared/sync/types';
import { RoomConnection, type RoomLink } from './roomConnection';

const LINK: RoomSyncState = { transport: 'webrtc', signaling: 'connected', peers: 1, synced: true, pendingLocal: false, receiving: null, ended: null };

function connectionWithAnotherPerson() {
  const doc = new Y.Doc();
  const awareness = new Awareness(doc);
  let link = LINK;
  const syncListeners = new Set<() => void>();
  const sync: RoomLink = {
    awareness,
    subscribe: (listener: () => void) => {
      syncListeners.add(listener);
      return () => syncListeners.delete(listener);
    },
    getState: () => link,
    webrtcChannels: () => 1,
    onNotice: () => () => {},
    destroy: () => {},
  } as unknown as RoomLink;
  const connection = new RoomConnection(sync, { doc, roomId: 'r', joinCode: 'ABC234', hostOrigin: 'http://127.0.0.1:1', memberToken: 'm.p.x', me: { name: '나', color: '#123456', role: 'participant' } });
  // Another person, as their awareness arrives from the hub.
  const otherDoc = new Y.Doc();
  const other = new Awareness(otherDoc);
  const relay = () => {
    const state = other.getLocalState();
    awareness.states.set(other.clientID, state!);
    awareness.meta.set(other.clientID, { clock: (awareness.meta.get(other.clientID)?.clock ?? 0) + 1, lastUpdated: Date.now() });
    awareness.emit('change', [{ added: [], updated: [other.clientID], removed: [] }, 'remote']);
  };
  other.setLocalState({ user: { name: '이웃', color: '#654321', role: 'participant' } });
  relay();
  let renders = 0;
  connection.subscribe(() => renders++);
  const setLink = (next: Partial<RoomSyncState>) => {
    link = { ...link, ...next };
    for (const listener of syncListeners) listener();
  };
  return { connection, other, relay, setLink, renders: () => renders };
}

describe('RoomConnection', () => {
  it('does not wake the screen when someone only moves their cursor', () => {
    const { connection, other, relay, renders } = connectionWithAnotherPerson();
    const before = connection.getState();
    for (let i = 0; i < 20; i++) {
      other.setLocalStateField('cursor', { x: i * 10, y: i });
      relay();
    }
    expect(renders()).toBe(0);
    expect(connection.getState()).toBe(before);
    expect(before.people.map((p) => p.name)).toEqual(['나', '이웃']);
  });

  it('tells the screen when a person arrives, renames themselves or is done, and when the link changes', () => {
    const { connection, other, relay, setLink, renders } = connectionWithAnotherPerson();
    other.setLocalStateField('user', { name: '이웃2', color: '#654321', role: 'participant' });
    relay();
    expect(renders()).toBe(1);
    expect(connection.getState().people.map((p) => p.name)).toContain('이웃2');
    other.setLocalStateField('done', true);
    relay();
    expect(renders()).toBe(2);
    expect(connection.getState().people.find((p) => !p.self)?.done).toBe(true);
    setLink({ transport: 'relay' });
    expect(renders()).toBe(3);
    expect(connection.getState().transport).toBe('relay');
    setLink({ receiving: { received: 10, total: 100 } });
    setLink({ receiving: { received: 10, total: 100 } });
    expect(renders()).toBe(4);
    setLink({ receiving: { received: 50, total: 100 } });
    expect(renders()).toBe(5);
  });
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('RoomConnection and a room\'s sync server', () => {
  it.each(['http://10.0.0.5:4790', 'https://evil.example', 'ws://10.0.0.5:4790/elsewhere', 'ws://who:pw@10.0.0.5:4790', 'javascript:alert(1)'])(
    'refuses to connect to %j, dialling nothing',
    async (syncServer) => {
      const sockets = vi.fn();
      vi.stubGlobal('WebSocket', sockets);
      vi.stubGlobal('RTCPeerConnection', undefined);
      await expect(
        RoomConnection.open({
          doc: new Y.Doc(),
          roomId: 'room-1',
          joinCode: '123456',
          hostOrigin: 'http://127.0.0.1:4780',
          memberToken: 'pAAAAAAAAAAAAAAAA.p.AAAAAAAAAAAAAAAAAAAAAA',
          me: { name: '민지', color: '#1971c2', role: 'participant' },
          syncServer,
        }),
      ).rejects.toThrow();
      expect(sockets).not.toHaveBeenCalled();
    },
  );
});
