import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { RoomConnection } from './roomConnection';

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
