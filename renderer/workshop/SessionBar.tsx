// What the session asks of everyone right now, above the board: a dot vote (the notes with a
// button each, by keyboard too, and the dots left), its results once revealed, private mode
// (notes that only their author and the host hold until the reveal), following the facilitator,
// and "I'm done". Shows nothing when nothing is running.
import { useEffect, useId, useRef, useState } from 'react';
import { useT } from '../i18n';
import { dotsUsed } from '../../shared/workshop/vote';
import type { BoardViewHandle } from '../board/view';
import type { RoomControls } from './roomControls';
import { ResultList } from './FacilitatorPanel';
import { useControls } from './useControls';
import { readStep } from '../../shared/workshop/agenda';

export type SessionBarProps = {
  controls: RoomControls;
  view: BoardViewHandle | null;
  /** Whether this person is done (shown as a toggle to participants). */
  done: boolean;
  onDone: (done: boolean) => void;
  /** Whether this screen follows the facilitator's view (a participant may pause it). */
  following: boolean;
  onFollowing: (following: boolean) => void;
  /** The shared screen: always follows, offers no buttons. */
  presenting: boolean;
};

export function SessionBar({ controls, view, done, onDone, following, onFollowing, presenting }: SessionBarProps) {
  const t = useT();
  const state = useControls(controls);
  const runs = controls.runsSession();
  const looks = controls.board.readOnlyReason === 'observer';
  const vote = controls.vote();
  const privateMode = controls.privateMode();
  const follow = controls.follow();
  const participant = !runs && !looks && !presenting;
  // "I'm done" belongs to a step (or a timed task): without one the bar takes no room on a phone.
  const showDone = participant && (readStep(controls.board) >= 0 || controls.timer() !== null);
  if (!state) return null;

  const showVote = vote && (vote.state === 'revealed' || participant);
  const showPrivate = privateMode?.on && participant;
  const showFollow = follow?.mode === 'follow' && !runs && !presenting;
  if (!showVote && !showPrivate && !showFollow && !showDone) return null;

  return (
    <section className="session-bar" aria-label={t('controls.title')}>
      {showVote && vote.state === 'revealed' && vote.results && <ResultList board={controls.board} results={vote.results} title={`${t('controls.vote')} · ${t('controls.voteResults')}`} />}
      {showVote && vote.state !== 'revealed' && <VoteList controls={controls} />}
      {showPrivate && <PrivateNotes controls={controls} view={view} />}
      <div className="session-bar-row">
        {showFollow && (
          <p className="session-following">
            {following ? t('controls.following') : ''}
            <button type="button" aria-pressed={!following} onClick={() => onFollowing(!following)}>
              {following ? t('controls.followPause') : t('controls.followResume')}
            </button>
          </p>
        )}
        {showDone && (
          <button type="button" className="done-toggle" aria-pressed={done} onClick={() => onDone(!done)}>
            {done ? '✓ ' : ''}
            {t('controls.done')}
          </button>
        )}
      </div>
      {state.error && (
        <p role="alert" className="error">
          {t(state.error)}
        </p>
      )}
    </section>
  );
}

function VoteList({ controls }: { controls: RoomControls }) {
  const t = useT();
  const id = useId();
  const state = useControls(controls)!;
  const vote = controls.vote();
  const [busy, setBusy] = useState(false);
  if (!vote) return null;
  const left = vote.budget - dotsUsed(state.dots);
  const notes = controls.board.notes();
  const mine = (recordId: string) => state.dots.find((d) => d.recordId === recordId)?.count ?? 0;
  const run = (fn: () => Promise<boolean>) => {
    setBusy(true);
    void fn().finally(() => setBusy(false));
  };
  return (
    <div className="vote-list">
      <h3 id={id}>
        {t('controls.vote')} · <span data-testid="dots-left" aria-live="polite">{vote.state === 'open' ? t('controls.voteLeft', { count: left }) : t('controls.voteStateClosed')}</span>
      </h3>
      {vote.state === 'closed' && <p>{t('controls.voteWaiting')}</p>}
      <ul aria-labelledby={id}>
        {notes.map((note) => {
          const text = note.text.trim() || '…';
          const count = mine(note.id);
          return (
            <li key={note.id} className="vote-item">
              <span className="vote-text">{text}</span>
              <span className="vote-mine" aria-hidden={count === 0}>{count > 0 ? '●'.repeat(Math.min(count, 10)) : ''}</span>
              {vote.state === 'open' && (
                <>
                  {/* aria-disabled, not disabled: the focus stays on the button a keyboard user just pressed. */}
                  <VoteButton label={t('controls.voteAdd', { text })} unavailable={busy || left <= 0 || (!vote.stacking && count > 0)} onPress={() => run(() => controls.castVote(note.id))}>
                    +
                  </VoteButton>
                  <VoteButton label={t('controls.voteRemove', { text })} unavailable={busy || count === 0} onPress={() => run(() => controls.uncastVote(note.id))}>
                    −
                  </VoteButton>
                </>
              )}
              <span className="visually-hidden">{t('controls.voteMine', { count })}</span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function VoteButton({ label, unavailable, onPress, children }: { label: string; unavailable: boolean; onPress: () => void; children: string }) {
  return (
    <button type="button" aria-label={label} aria-disabled={unavailable} onClick={() => !unavailable && onPress()}>
      {children}
    </button>
  );
}

function PrivateNotes({ controls, view }: { controls: RoomControls; view: BoardViewHandle | null }) {
  const t = useT();
  const id = useId();
  const state = useControls(controls)!;
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const add = async () => {
    if (!text.trim()) return;
    setBusy(true);
    // Where this person is looking; the note lands there when revealed.
    const rect = view?.visibleRect();
    const at = rect ? { x: Math.round(rect.x + rect.w / 2 - 80 + (state.privateNotes.length % 5) * 24), y: Math.round(rect.y + rect.h / 2 - 80 + (state.privateNotes.length % 5) * 24) } : { x: 0, y: 0 };
    if (await controls.addPrivateNote(text.trim(), at)) setText('');
    setBusy(false);
  };
  return (
    <div className="private-notes">
      <p className="private-banner">
        {t('controls.privateOn')}
      </p>
      <form
        className="controls-row"
        onSubmit={(e) => {
          e.preventDefault();
          void add();
        }}
      >
        <label htmlFor={`${id}-text`} className="visually-hidden">{t('controls.privateNote')}</label>
        <textarea id={`${id}-text`} rows={2} value={text} placeholder={t('controls.privateNote')} onChange={(e) => setText(e.target.value)} maxLength={2000} />
        <button type="submit" disabled={busy || !text.trim()}>{t('controls.privateAdd')}</button>
      </form>
      <h3 id={`${id}-mine`}>{t('controls.privateMine', { count: state.privateNotes.length })}</h3>
      <ul aria-labelledby={`${id}-mine`} className="private-list" data-testid="private-notes">
        {state.privateNotes.map((note) => (
          <li key={note.id} className="private-note">{note.text}</li>
        ))}
      </ul>
    </div>
  );
}

/** Moves this screen's camera with the facilitator's: each new "bring here" or spotlight once, "follow me" as it moves. */
export function useFollowCamera(controls: RoomControls | null, view: BoardViewHandle | null, following: boolean): void {
  useControls(controls);
  const follow = controls?.follow() ?? null;
  const runs = controls?.runsSession() ?? true;
  const key = follow ? `${follow.mode}:${follow.seq}:${JSON.stringify(follow.rect)}` : null;
  const shown = useRef<string | null>(null);
  useEffect(() => {
    if (!follow || !key || !view || runs) return;
    if (follow.mode === 'follow' ? !following : shown.current === key) return;
    shown.current = key;
    const rect = follow.rect;
    view.showRect(rect);
    // Once more after the layout this same change may cause (the session bar appearing resizes the
    // canvas): two frames later, when the canvas has its new size.
    let frame = requestAnimationFrame(() => (frame = requestAnimationFrame(() => view.showRect(rect))));
    return () => cancelAnimationFrame(frame);
    // The mode, seq and rect are in the key.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, view, runs, following]);
}
