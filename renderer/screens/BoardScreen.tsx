import { useCallback, useEffect, useId, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../app/context';
import { useLiveQuery } from '../db/useLiveQuery';
import { memberOfToken, type RoomInfo } from '../../shared/room/api';
import type { BoardFile } from '../../shared/board';
import type { SessionRecord } from '../../shared/session/session';
import { FACILITATOR_COLOR, NOTE_COLOR_OF, PARTICIPANT_COLORS, isParticipantColor, type Participant } from '../../shared/people/pseudonym';
import { DEFAULT_NOTE_COLOR, type NoteColor } from '../../shared/board/types';
import type { PlatformError } from '../platform';
import { RoomConnection, type ConnectionState, type RoomConnectionOptions } from '../sync/roomConnection';
import { fetchRoomBoard } from '../../shared/sync/roomBoard';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { StatusBar } from '../components/StatusBar';
import { JoinPanel } from '../components/JoinPanel';
import { PresenceList } from '../components/PresenceList';
import { RoomEndedNotice } from '../components/RoomEndedNotice';
import { importBoardAsSession, openBoardSession, type BoardSession } from '../workspace/boardSession';
import { BoardWorkspace } from '../board/BoardWorkspace';
import { BoardPictureCanvas, useBoardPicture } from '../board/picture/BoardPictureCanvas';
import { OutlineView } from '../outline/OutlineView';
import { HistoryPanel } from '../board/persistence/HistoryPanel';
import { HostHistoryPanel } from '../board/persistence/HostHistoryPanel';
import { HostStorageNotice } from '../components/HostStorageNotice';
import { BoardFileActions } from '../board/persistence/BoardFileActions';
import { RefusalNotice, RoomRulesPanel, useRoomNotices } from '../components/RoomRules';
import { StepBar } from '../workshop/StepBar';
import { AgendaPanel } from '../workshop/AgendaPanel';
import type { BoardViewHandle } from '../board/view';
import { SessionControls, useRoomControls } from '../workshop/SessionControls';
import { TimerBadge } from '../workshop/TimerBadge';
import { FacilitatorPanel } from '../workshop/FacilitatorPanel';
import { RoleSelect } from '../workshop/RoleSelect';
import { SimpleModeSwitch } from '../workshop/simpleMode';
import { OfficialView } from '../outcomes/OfficialView';
import { useSessionOutcomes } from '../outcomes/useSessionOutcomes';
import { outcomesAutomation } from '../outcomes/automation';
import type { Language } from '../../shared/i18n';

/** Storage warnings that a later successful write makes obsolete. */
const WRITE_FAILURES = new Set(['storage.writeFailed', 'storage.quotaExceeded']);

const noConnection = () => () => {};
const nullState = () => null;

export function BoardScreen({ sessionId, onShown }: { sessionId: string; onShown: () => void }) {
  const { t, i18n } = useTranslation();
  const { db, platform, navigate, automation } = useApp();
  const session = useLiveQuery(() => db.sessions.get(sessionId), [db, sessionId]);
  const me = useMe(session.value);
  const [room, setRoom] = useState<RoomInfo | null>(null);
  const [roomError, setRoomError] = useState<PlatformError | null>(null);
  const [opening, setOpening] = useState(false);
  const [connection, setConnection] = useState<RoomConnection | null>(null);
  const [hostOrigin, setHostOrigin] = useState<string | null>(null);
  const [boardSession, setBoardSession] = useState<BoardSession | null>(null);
  const [panelOpen, setPanelOpen] = useState(false);
  // The facilitator's side panel shows the room (join, agenda, people, versions) or the outcomes.
  const [sideView, setSideView] = useState<'room' | 'outcomes'>('room');
  const panelId = useId();
  const [storageError, setStorageError] = useState<{ key: string; values?: Record<string, unknown> } | null>(null);
  const [hostVersionsKey, setHostVersionsKey] = useState(0);
  const [view, setView] = useState<BoardViewHandle | null>(null);
  const onViewReady = useCallback((handle: BoardViewHandle | null) => {
    automation.showView(handle);
    setView(handle);
  }, [automation]);

  // One board per session: the board id is the session id. Its picture is drawn while it loads.
  const picture = useBoardPicture(db, sessionId, view);

  const record = session.value;
  const roomId = record?.roomId;
  const joinCode = record?.joinCode;
  const isFacilitator = record?.role === 'facilitator';

  // The session's room may be on another machine's host (joined from the LAN list).
  const remoteHost = session.value?.remoteHost;
  useEffect(() => {
    void platform.hostOrigin(remoteHost).then((r) => setHostOrigin(r.ok ? r.value : null));
  }, [platform, remoteHost]);

  const openRoom = useCallback(
    async (target: { id: string; title: string; roomId?: string; joinCode?: string }) => {
      const result = await platform.openRoom({ sessionId: target.id, title: target.title });
      return async () => {
        if (!result.ok) {
          setRoomError(result.error);
          return;
        }
        setRoomError(null);
        setRoom(result.value);
        if (target.roomId !== result.value.roomId || target.joinCode !== result.value.joinCode) {
          await db.sessions.update(target.id, { roomId: result.value.roomId, joinCode: result.value.joinCode, updatedAt: Date.now() });
        }
      };
    },
    [platform, db],
  );

  // A facilitator who had opened the room gets it back (same code) on reopening the session.
  const reopen = isFacilitator && record?.roomId ? { id: record.id, title: record.title, roomId: record.roomId, joinCode: record.joinCode } : null;
  const reopenKey = reopen ? `${reopen.id}:${reopen.roomId}` : null;
  useEffect(() => {
    if (!reopen) return;
    let cancelled = false;
    void openRoom(reopen).then((apply) => {
      if (!cancelled) void apply();
    });
    return () => {
      cancelled = true;
    };
    // Once per session and room, not on every update of the stored record.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [reopenKey, openRoom]);

  // Where a participant's board can be fetched from before its sync starts (read once the board
  // session is open, which may be renders later than these are known).
  const initialBoard = useRef<RoomConnectionOptions['initialBoard']>(undefined);
  const joinedRoom = useRef<{ hostOrigin: string; roomId: string; memberToken: string } | null>(null);
  const participantToken = isFacilitator ? undefined : record?.memberToken;
  const participantServer = record?.syncServer;
  useEffect(() => {
    joinedRoom.current = hostOrigin && roomId && participantToken && !participantServer ? { hostOrigin, roomId, memberToken: participantToken } : null;
  }, [hostOrigin, roomId, participantToken, participantServer]);

  // The title only seeds a new board, so renaming the session later does not reopen it.
  const seedTitle = record?.title;
  const hasRecord = seedTitle !== undefined;
  const myName = me?.name;
  useEffect(() => {
    if (!hasRecord || myName === undefined) return;
    let open: BoardSession | null = null;
    let cancelled = false;
    void openBoardSession(
      db,
      { boardId: sessionId, title: seedTitle, author: myName, role: record?.role ?? 'participant' },
      (key, values) => setStorageError({ key, values }),
      // While writes fail the board works in memory and the warning stays; once they succeed it goes.
      () => setStorageError((shown) => (shown && WRITE_FAILURES.has(shown.key) ? null : shown)),
      () => picture.shown,
    ).then(
      (s) => {
        if (cancelled) return void s.close();
        // A participant's first visit: fetch the room's board now, while the board screen is
        // built, instead of receiving it through the sync once that starts (RoomSync applies it).
        const where = joinedRoom.current;
        if (s.doc.store.clients.size === 0 && where) {
          const pending = fetchRoomBoard(where);
          initialBoard.current = { initialBoard: pending, applyInitialBoard: (update, origin) => s.persistence.applyUnrecorded(update, origin) };
        }
        setBoardSession((open = s));
      },
      (error: unknown) => setStorageError({ key: 'error.storage', values: { detail: String(error) } }),
    );
    return () => {
      cancelled = true;
      void open?.close();
      setBoardSession(null);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [db, sessionId, hasRecord, myName, record?.role]);

  // Who this device is in the room: the facilitator's token comes with opening the room; a
  // participant's with joining (sessions joined before tokens existed ask the host again).
  const memberToken = isFacilitator ? room?.memberToken : record?.memberToken;
  // Where the room syncs when not through the host: only ever what the host said (RoomInfo, ticket).
  const syncServer = isFacilitator ? room?.server?.url : record?.syncServer;
  const needsToken = !isFacilitator && !!record && !record.memberToken && !!joinCode;
  useEffect(() => {
    if (!needsToken || !record || !joinCode) return;
    let cancelled = false;
    void platform.join(joinCode, remoteHost).then((result) => {
      if (cancelled) return;
      if (result.ok) void db.sessions.update(record.id, { memberToken: result.value.memberToken, syncServer: result.value.server?.url });
      else setRoomError(result.error);
    });
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per session that lacks a token
  }, [needsToken, record?.id, joinCode, remoteHost, platform, db]);

  const doc = boardSession?.doc;
  useEffect(() => {
    if (!roomId || !joinCode || !hostOrigin || !me || !record || !doc || !memberToken) return;
    let live: RoomConnection | null = null;
    let cancelled = false;
    const role = record.role;
    const first = initialBoard.current;
    initialBoard.current = undefined;
    void RoomConnection.open({ doc, roomId, joinCode, hostOrigin, memberToken, me: { ...me, role }, ...(syncServer ? { syncServer } : {}), ...(first ? { initialBoard: first } : {}) })
      .then((c) => {
        if (cancelled) c.destroy();
        else setConnection((live = c));
      }, () => setRoomError('error.internal'));
    return () => {
      cancelled = true;
      live?.destroy();
      setConnection(null);
    };
    // record.role is stable for a session; the record itself changes on every update
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [doc, roomId, joinCode, hostOrigin, me, record?.role, memberToken, syncServer]);

  // The board asks the same questions as the hub (may I edit, delete?) once it knows who we are.
  const board = boardSession?.board;
  // From the moment the token is known, not once connected: a note added while the board is still
  // arriving must not carry writes only the facilitator may make (a participant's app never
  // migrates the board's metadata), or the hub undoes the note with them.
  useEffect(() => {
    if (!board) return;
    board.setActor(memberToken ? memberOfToken(memberToken) : null);
    return () => board.setActor(null);
  }, [board, memberToken]);

  const { lastRefusal, log: roomLog, dismissRefusal } = useRoomNotices(connection);
  // What the hub undid is not ours to undo or redo any more: the steps would only be refused again.
  const undo = boardSession?.undo;
  useEffect(() => {
    if (lastRefusal) undo?.clear();
  }, [lastRefusal, undo]);

  const importAsNewSession = async (file: BoardFile) => {
    const id = await importBoardAsSession(db, file, (key) => setStorageError({ key }));
    if (id) navigate({ name: 'board', sessionId: id });
  };

  const { outcomes, reviewer, chosen, setReviewer, canStoreIdentities } = useSessionOutcomes(record, boardSession?.board ?? null, me?.name);
  const showOutcomes = isFacilitator && sideView === 'outcomes' && outcomes !== null;
  useEffect(() => {
    if (!outcomes) return;
    automation.showOutcomes(outcomesAutomation(outcomes.api, {
      sessionId,
      outbox: outcomes.outbox,
      configurePortal: async (config) => {
        const result = await platform.configurePortal(config);
        return result.ok ? result.value : null;
      },
    }));
    return () => automation.showOutcomes(null);
  }, [automation, outcomes, sessionId, platform]);

  const state = useSyncExternalStore<ConnectionState | null>(connection?.subscribe ?? noConnection, connection?.getState ?? nullState);

  // The facilitator's controls (issue 11): session state for everyone, ballots and private notes to the host.
  const controls = useRoomControls(board ?? null, connection && hostOrigin && roomId && memberToken ? { hostOrigin, roomId, memberToken } : null, me?.name);
  const onVote = useCallback((noteId: string, add: boolean) => void (add ? controls?.castVote(noteId) : controls?.uncastVote(noteId)), [controls]);

  useEffect(() => {
    automation.show({ sessionId, connection: connection?.getState, board: boardSession?.board, room: room ?? null, roomLog: () => roomLog, controls });
  }, [automation, sessionId, connection, boardSession, room, roomLog, controls]);

  useEffect(() => {
    if (session.loaded) onShown();
  }, [session.loaded, onShown]);

  return (
    <div className="screen board-screen">
      <header className="top-bar">
        <button type="button" className="link back-link" onClick={() => navigate({ name: 'home' })}>
          <span aria-hidden="true">←</span> <span className="back-text">{t('board.back')}</span>
        </button>
        <h1 className="board-title">{record?.title ?? ''}</h1>
        {controls && <TimerBadge controls={controls} />}
        {isFacilitator && !room && (
          <button type="button" className="primary" disabled={opening} onClick={() => {
              if (!record) return;
              setOpening(true);
              void openRoom(record)
                .then((apply) => apply())
                .finally(() => setOpening(false));
            }}>
            {opening ? t('board.roomOpening') : t('board.openRoom')}
          </button>
        )}
        {isFacilitator && (
          <button type="button" className="agenda-toggle outcomes-toggle" aria-controls={panelId} aria-pressed={showOutcomes} onClick={() => {
              const next = sideView === 'outcomes' ? 'room' : 'outcomes';
              setSideView(next);
              setPanelOpen(next === 'outcomes');
            }}>
            {t('official.toggle')}
          </button>
        )}
        {isFacilitator && (
          <button type="button" className="agenda-toggle" aria-controls={panelId} aria-expanded={panelOpen} onClick={() => {
              setSideView('room');
              setPanelOpen(true);
              requestAnimationFrame(() => document.getElementById(`${panelId}-agenda`)?.focus());
            }}>
            {t('agenda.title')}
          </button>
        )}
        <button
          type="button"
          className="panel-toggle"
          aria-expanded={panelOpen}
          aria-controls={panelId}
          onClick={() => setPanelOpen((open) => !open)}
        >
          <PeopleIcon />
          {state && <span aria-hidden="true">{state.people.length}</span>}
          <span className="visually-hidden">{state ? `${t('screen.panel')}, ${t('board.people', { count: state.people.length })}` : t('screen.panel')}</span>
        </button>
        <LanguageSwitch />
      </header>
      <main className="board-layout">
        <RoomEndedNotice ended={state?.ended ?? null} />
        {session.error && <p role="alert" className="error">{t('error.storage', { detail: session.error.message })}</p>}
        {session.loaded && !session.error && !record && <p role="alert" className="error">{t('board.notFound')}</p>}
        {roomError && <p role="alert" className="error">{t(roomError)}</p>}
        {storageError && <p role="alert" className="error">{t(storageError.key as 'error.storage', storageError.values as { detail: string })}</p>}
        <RefusalNotice refusal={lastRefusal} onDismiss={dismissRefusal} />
        {controls && <SessionControls controls={controls} connection={connection} view={view} />}
        {room && isFacilitator && <HostStorageNotice roomId={room.roomId} onRestored={() => setHostVersionsKey((k) => k + 1)} />}
        <div className={`board-body${panelOpen ? ' panel-open' : ''}${showOutcomes ? ' outcomes-view' : ''}`}>
          <section className="board-area" aria-label={record?.title}>
            {/* Not while the board failed to open: "opening" would not be true. */}
            {picture.picture && !(storageError && !boardSession) && <BoardPictureCanvas picture={picture.picture} onShown={picture.onShown} />}
            {boardSession && me && <StepBar board={boardSession.board} view={view} author={me.name} />}
            {boardSession && me && (
              <BoardWorkspace
                board={boardSession.board}
                selection={boardSession.selection}
                undo={boardSession.undo}
                author={me.name}
                noteColor={me.noteColor}
                onViewReady={onViewReady}
                outline={<OutlineView board={boardSession.board} selection={boardSession.selection} author={me.name} undo={boardSession.undo} onVote={onVote} />}
                presence={connection?.presence}
              />
            )}
          </section>
          <aside className="side-panel" id={panelId} aria-label={t('screen.panel')}>
            <button type="button" className="panel-close" onClick={() => setPanelOpen(false)}>
              {t('screen.panelClose')}
            </button>
            {isFacilitator && outcomes && (
              // The header has no room for this on a phone: there it is reached from the panel.
              <button type="button" className="outcomes-switch" aria-pressed={showOutcomes} onClick={() => setSideView(showOutcomes ? 'room' : 'outcomes')}>
                {showOutcomes ? t('official.back') : t('official.toggle')}
              </button>
            )}
            {showOutcomes && boardSession && outcomes ? (
              <OfficialView
                outcomes={outcomes}
                selection={boardSession.selection}
                reviewer={reviewer}
                chosen={chosen}
                onReviewerChange={setReviewer}
                language={(i18n.language === 'en' ? 'en' : 'ko') as Language}
                onShowOnBoard={(ids) => boardSession.selection.set(ids)}
                canStoreIdentities={canStoreIdentities}
              />
            ) : (<>
            {/* The facilitator's controls first: during a workshop they are what the facilitator reaches for. */}
            {controls && connection && state && <FacilitatorPanel controls={controls} view={view} people={state.people} />}
            {room && (
              <JoinPanel
                room={room}
                onClosed={() => {
                  setRoom(null);
                  if (record) void db.sessions.update(record.id, { roomId: undefined, joinCode: undefined, updatedAt: Date.now() });
                }}
                onRenewed={(renewed) => {
                  // Shown at once; the session keeps the code too, so reopening it gets this room.
                  setRoom(renewed);
                  if (record) void db.sessions.update(record.id, { joinCode: renewed.joinCode, updatedAt: Date.now() });
                }}
              />
            )}
            {boardSession && <div id={`${panelId}-agenda`} tabIndex={-1} className="panel-anchor"><AgendaPanel board={boardSession.board} /></div>}
            {state && (
              <PresenceList
                people={state.people}
                isFacilitator={isFacilitator}
                roomId={room?.roomId}
                personControls={controls ? (person) => <RoleSelect controls={controls} person={person} /> : undefined}
              />
            )}
            {controls && !isFacilitator && <SimpleModeSwitch />}
            {isFacilitator && room && boardSession && <RoomRulesPanel board={boardSession.board} selection={boardSession.selection} log={roomLog} />}
            {/* In a room, versions of the whole board belong to the host: the facilitator restores from those. */}
            {room && isFacilitator ? (
              <HostHistoryPanel roomId={room.roomId} refreshKey={hostVersionsKey} />
            ) : (
              boardSession && <HistoryPanel persistence={boardSession.persistence} board={boardSession.board} canRestore={isFacilitator || !roomId} />
            )}
            {boardSession && <BoardFileActions board={boardSession.board} onImported={importAsNewSession} />}
            </>)}
          </aside>
        </div>
      </main>
      <StatusBar connection={state} />
    </div>
  );
}

function PeopleIcon() {
  return (
    <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
      <circle cx="9" cy="8" r="3.5" />
      <path d="M2.5 20c0-3.6 2.9-6.5 6.5-6.5s6.5 2.9 6.5 6.5" />
      <circle cx="17" cy="9" r="2.5" />
      <path d="M16.5 13.6c2.9.2 5 2.6 5 5.4" />
    </svg>
  );
}

/** Who this client is in the room, and the colour of the notes they add. */
export type Me = Participant & { noteColor: NoteColor };

/** Who this client is in the room: the stored name and colour, or the facilitator's defaults. */
function useMe(session: SessionRecord | undefined): Me | null {
  const { db } = useApp();
  const { t } = useTranslation();
  const settings = useLiveQuery(async () => ({ name: await db.getSetting('displayName'), color: await db.getSetting('participantColor') }), [db]);
  const name = settings.value?.name;
  const color = settings.value?.color;
  const role = session?.role;
  // The facilitator's default name is data (it is stamped on notes and shown to everyone), not UI
  // text: it is fixed when the board opens, so switching the language never renames anyone, which
  // would rebuild the room connection and the board session.
  const [facilitatorName] = useState(() => t('people.facilitator'));
  // A new object only when one of these changes, so the room connection is not rebuilt on every render.
  return useMemo(() => {
    if (!settings.loaded || !role) return null;
    if (role === 'facilitator') return { name: name ?? facilitatorName, color: FACILITATOR_COLOR, noteColor: DEFAULT_NOTE_COLOR };
    const mine = isParticipantColor(color) ? color : PARTICIPANT_COLORS[1];
    return { name: name ?? '?', color: mine, noteColor: NOTE_COLOR_OF[mine] };
  }, [settings.loaded, role, name, color, facilitatorName]);
}
