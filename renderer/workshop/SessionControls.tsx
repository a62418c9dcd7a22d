// The controls' place on the board screen: one RoomControls per board and room, the session bar
// above the board, the camera following the facilitator, "I'm done" in presence, and the shared
// screen's presentation mode (?present=1, or the `screen` role the facilitator gave).
import { useEffect, useMemo, useState } from 'react';
import type { Board } from '../../shared/board/board';
import type { BoardViewHandle } from '../board/view';
import type { RoomConnection } from '../sync/roomConnection';
import { createControlsApi } from './controlsApi';
import { RoomControls } from './roomControls';
import { SessionBar, useFollowCamera } from './SessionBar';
import { useControls } from './useControls';
import './controls.css';
import { observeSession } from '../../shared/workshop/sessionState';

export type RoomAccess = { hostOrigin: string; roomId: string; memberToken: string } | null;

/** The controls of the board on screen (off a room: only the session state, no host). */
export function useRoomControls(board: Board | null, access: RoomAccess, author: string | undefined): RoomControls | null {
  const origin = access?.hostOrigin;
  const roomId = access?.roomId;
  const token = access?.memberToken;
  const controls = useMemo(
    () => (board ? new RoomControls(board, origin && roomId && token ? createControlsApi(origin, roomId, token) : null, author ?? '') : null),
    [board, origin, roomId, token, author],
  );
  useEffect(() => () => controls?.destroy(), [controls]);
  return controls;
}

/** Whether this window is the room's shared screen. */
export function usePresenting(controls: RoomControls | null): boolean {
  useControls(controls);
  const [asked] = useState(() => typeof location !== 'undefined' && new URLSearchParams(location.search).get('present') === '1');
  const presenting = asked || controls?.board.role() === 'screen';
  useEffect(() => {
    document.body.classList.toggle('presenting', presenting);
    return () => document.body.classList.remove('presenting');
  }, [presenting]);
  return presenting;
}

export function SessionControls({ controls, connection, view }: { controls: RoomControls; connection: RoomConnection | null; view: BoardViewHandle | null }) {
  const [done, setDone] = useState(false);
  const [following, setFollowing] = useState(true);
  const presenting = usePresenting(controls);
  useFollowCamera(controls, view, following || presenting);
  useEffect(() => {
    connection?.setDone(done);
  }, [connection, done]);
  // A new step (the agenda's session key) starts everyone undone.
  useEffect(() => observeSession(controls.board.doc, 'step', () => setDone(false)), [controls]);
  return (
    <SessionBar
      controls={controls}
      view={view}
      done={done}
      onDone={setDone}
      following={following || presenting}
      onFollowing={setFollowing}
      presenting={presenting}
    />
  );
}
