// The Madang extension for an external Hocuspocus server (`@hocuspocus/server`), for rooms that
// sync through it instead of the facilitator's host (RoomSyncOptions.server). The room's rules
// then live in that server, so it does what the hub does: it admits only the host's member
// tokens for the room (the document is named by the room id; the server shares the host's
// `member-secret`, main/host/members.ts), and it checks every change with the hub's own
// RoomAuthority (owners, locks, view-only, protected metadata, sizes), undoing what breaks a rule.
// Not carried over from the hub: telling the sender and the facilitator's log why a change was
// undone (here it is only logged), presence rewriting (roles in presence are the clients' own),
// and the per-link rate and size limits of the relay.
import type { Extension } from '@hocuspocus/server';
import type { Actor } from '../../shared/board/policy';
import type { Logger } from './log';
import { RoomAuthority } from './hub/authority';
import type { MemberTokens } from './members';

type Context = { actor?: Actor };

export function madangSyncExtension(tokens: MemberTokens, log: Logger): Extension {
  const authorities = new Map<string, RoomAuthority>();
  return {
    extensionName: 'madang',
    async onAuthenticate({ token, documentName }: { token: string; documentName: string }): Promise<Context> {
      const actor = tokens.verify(documentName, token);
      if (!actor) {
        log.warn('syncServer.rejected', { roomId: documentName });
        throw new Error('not a member token of this room');
      }
      return { actor };
    },
    async afterLoadDocument({ document, documentName }) {
      const authority = new RoomAuthority(document, (_origin, refusal) => log.warn('syncServer.refused', { roomId: documentName, reason: refusal.reason, records: refusal.recordIds.length }));
      // Hocuspocus applies a client's update with the origin { source: 'connection', connection }.
      authority.trackBy(Object, (origin) => ((origin as { connection?: { context?: Context } }).connection?.context?.actor ?? null));
      authorities.set(documentName, authority);
    },
    async afterUnloadDocument({ documentName }) {
      authorities.get(documentName)?.destroy();
      authorities.delete(documentName);
    },
  };
}
