// A code that got out (a photo of the projector, a participant who was removed) is renewed by the
// facilitator: from then on the old code admits nobody new through the API, signaling or the
// relay, while everyone already in stays connected and may reconnect after a drop.
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { renewJoinCodeRoute, roomTopic, RoomInfoSchema } from '../../../shared/room/api';
import { CLOSE_CODES } from '../../../shared/signaling/protocol';
import { peekMessage, updateMessage } from '../../../shared/sync/protocol';
import { join, json, relaySocket, signalingSocket, startTestHost, type Socket, type TestHost } from './support';

let t: TestHost;
const sockets: Socket[] = [];
const track = (socket: Socket) => (sockets.push(socket), socket);

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.terminate();
  await t.dispose();
});

function renew(roomId: string, host = '127.0.0.1'): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request(`${t.host.url}${renewJoinCodeRoute(roomId)}`, { method: 'POST', headers: { host } }, (res) => {
      let text = '';
      res.on('data', (chunk) => (text += String(chunk)));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as unknown }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('renewing the join code', () => {
  it('locks the old code out for newcomers everywhere, keeps everyone connected, and lets members reconnect', async () => {
    t = await startTestHost();
    const { roomId, joinCode: oldCode } = t.room;
    const tokenOf = async (code: string) => ((await join(t!.host, code)).body as { memberToken: string }).memberToken;
    const insideToken = await tokenOf(oldCode);
    const inside = track(relaySocket(t.host, roomId, oldCode, '127.0.0.2', insideToken));
    await inside.next();
    const signaling = track(signalingSocket(t.host, oldCode, '127.0.0.3', await tokenOf(oldCode)));
    await signaling.opened;
    await signaling.send(JSON.stringify({ type: 'subscribe', topics: [roomTopic(roomId)] }));

    const renewed = await renew(roomId);
    expect(renewed.status).toBe(200);
    const room = RoomInfoSchema.parse(renewed.body);
    expect(room.roomId).toBe(roomId);
    expect(room.joinCode).not.toBe(oldCode);
    expect(room.joinUrl).toContain(room.joinCode);

    // Newcomers with the old code: refused by the API, signaling and the relay alike.
    const api = await join(t.host, oldCode);
    expect(api).toEqual({ status: 404, body: { error: 'join.invalidCode' } });
    const newcomerToken = await tokenOf(room.joinCode);
    expect(await track(signalingSocket(t.host, oldCode, '127.0.0.4', newcomerToken)).closed).toBe(CLOSE_CODES.unauthorised);
    expect(await track(relaySocket(t.host, roomId, oldCode, '127.0.0.5', newcomerToken)).closed).toBe(CLOSE_CODES.unauthorised);
    // A member the room never admitted is a newcomer too, and a made-up token names nobody.
    expect(await track(relaySocket(t.host, roomId, oldCode, '127.0.0.6', 'madeupmember.p.AAAAAAAAAAAAAAAAAAAAAA')).closed).toBe(CLOSE_CODES.unauthorised);

    // The new code lets a newcomer in, and what it writes reaches those already inside.
    const newcomer = track(relaySocket(t.host, roomId, room.joinCode, '127.0.0.7', newcomerToken));
    await newcomer.next();
    const doc = new Y.Doc();
    const note = new Y.Map<unknown>();
    doc.getMap('records').set('hello', note);
    note.set('type', 'note');
    note.set('text', new Y.Text('from a newcomer'));
    await newcomer.send(updateMessage(Y.encodeStateAsUpdate(doc)));
    await inside.waitFor((m) => peekMessage(m)?.type === 'update');
    await signaling.send(JSON.stringify({ type: 'ping' }));
    expect(json(await signaling.waitFor((m) => json(m).type === 'pong')).type).toBe('pong');

    // Someone inside whose connection drops comes back with the code they had.
    inside.terminate();
    const back = track(relaySocket(t.host, roomId, oldCode, '127.0.0.2', insideToken));
    expect(peekMessage(await back.next())?.type).toBe('syncStep1');
  });

  it('is for the facilitator\'s own machine only, and a room that is not open is 404', async () => {
    t = await startTestHost();
    expect((await renew(t.room.roomId, 'attacker.example')).status).toBe(403);
    expect((await join(t.host, t.room.joinCode)).status).toBe(200);
    expect(await renew('no-such-room')).toEqual({ status: 404, body: { error: 'error.notFound' } });
  });
});
