// A joiner's first copy of the room's board, fetched over HTTP (shared/room/api.ts roomBoardRoute)
// while its screen is still being built, and applied before its sync starts: the sync then
// carries only what changed since, and the whole board crosses the wire once.
import { hostPath, roomBoardRoute } from '../room/api';
import { MEMBER_TOKEN_HEADER } from '../workshop/api';
import { BOARD_LIMITS } from '../board/policy';

/** The transaction origin of the fetched board (tells it apart from the sync's own messages). */
export const ROOM_BOARD_ORIGIN = Symbol('roomBoard');

/**
 * The room's board as one Yjs update, or null when it could not be had (an older host, a host
 * reached through another one, a network error, an answer over the board limit): the sync then
 * brings the board itself, so a null costs nothing but the time of the attempt.
 */
export async function fetchRoomBoard(options: { hostOrigin: string; roomId: string; memberToken: string; signal?: AbortSignal }): Promise<Uint8Array | null> {
  try {
    const response = await fetch(hostPath(options.hostOrigin, roomBoardRoute(options.roomId)), {
      headers: { [MEMBER_TOKEN_HEADER]: options.memberToken },
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const length = Number(response.headers.get('content-length'));
    if (!response.ok || response.headers.get('content-type') !== 'application/octet-stream' || !(length > 0) || length > BOARD_LIMITS.boardBytes) {
      void response.body?.cancel();
      return null;
    }
    const bytes = new Uint8Array(await response.arrayBuffer());
    return bytes.byteLength === length ? bytes : null;
  } catch {
    return null;
  }
}
