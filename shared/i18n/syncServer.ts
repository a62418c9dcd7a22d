// Strings of a room that syncs through an external sync server (shared/room/syncServer.ts).
// ko.ts and en.ts include them. Korean is the source; English must have the same keys (tested).

export const syncServerMessagesKo = {
  'status.viaServer': '외부 동기화 서버 경유',
  'status.serverHint': '이 방은 진행자 컴퓨터 대신 동기화 서버를 거칩니다.',
} as const;

export type SyncServerMessageKey = keyof typeof syncServerMessagesKo;

export const syncServerMessagesEn: Record<SyncServerMessageKey, string> = {
  'status.viaServer': 'via the sync server',
  'status.serverHint': "This room syncs through a sync server, not the facilitator's computer.",
};
