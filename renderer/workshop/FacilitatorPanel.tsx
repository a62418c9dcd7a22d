// The facilitator's controls in the side panel (and a co-facilitator's): timer, dot vote, private
// mode, looking together, what participants may add, and who is done. Every button writes the
// session state through a command; the hub refuses the same write from anyone else.
import { useEffect, useId, useState } from 'react';
import { useT } from '../i18n';
import type { Board } from '../../shared/board/board';
import { PARTICIPANT_TOOLS, participantTools, setParticipantTools } from '../../shared/workshop/stepRules';
import { bringEveryoneHere, followMe, spotlightFrame, stopFollow } from '../../shared/workshop/follow';
import { VOTE_BUDGET_MAX, type VoteResult } from '../../shared/workshop/vote';
import type { BoardViewHandle } from '../board/view';
import type { PresencePeer } from '../sync/roomConnection';
import type { RoomControls } from './roomControls';
import { useControls } from './useControls';
import { readAgenda, readStep } from '../../shared/workshop/agenda';

/** How often the facilitator's view is published while everyone follows them. */
const FOLLOW_PUBLISH_MS = 500;
/** How often the hidden count is read again while a vote runs. */
const COUNT_REFRESH_MS = 2_000;

export function FacilitatorPanel({ controls, view, people }: { controls: RoomControls; view: BoardViewHandle | null; people: PresencePeer[] }) {
  const t = useT();
  const id = useId();
  useControls(controls);
  const board = controls.board;
  const timer = controls.timer();
  const vote = controls.vote();
  const privateMode = controls.privateMode();
  const follow = controls.follow();
  const [minutes, setMinutes] = useState(5);
  const [budget, setBudget] = useState(3);
  const [stacking, setStacking] = useState(true);
  const [anonymous, setAnonymous] = useState(false);
  const [leading, setLeading] = useState(false);
  const frames = board.all().filter((r) => r.type === 'frame');
  const [frameId, setFrameId] = useState('');
  const hidden = useHiddenCount(controls, vote?.state === 'open' || vote?.state === 'closed' ? vote.round : null);

  // "Follow me": the view is published while it moves (only by the one who turned it on).
  const followingMe = leading && follow?.mode === 'follow';
  useEffect(() => {
    if (!followingMe || !view) return;
    let last = '';
    const publish = () => {
      const rect = view.visibleRect();
      const key = JSON.stringify(rect);
      if (key !== last && followMe(board, rect)) last = key;
    };
    publish();
    const timerId = setInterval(publish, FOLLOW_PUBLISH_MS);
    return () => clearInterval(timerId);
  }, [followingMe, view, board]);

  // The current step's time box (the agenda, shared/workshop/agenda.ts).
  const step = readStep(board);
  const stepMinutes = step >= 0 ? (readAgenda(board).steps[step]?.minutes ?? 0) : 0;
  const others = people.filter((p) => !p.self && p.role !== 'facilitator');
  const done = others.filter((p) => p.done).length;
  const tools = participantTools(board.doc);
  const limited = privateMode?.on ? null : tools;

  if (!controls.runsSession()) return null;
  return (
    <section className="card controls-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('controls.title')}</h2>
      <p className="controls-done" data-testid="done-count">
        {t('controls.doneCount', { done, total: others.length })}
      </p>

      <fieldset>
        <legend>{t('controls.timer')}</legend>
        <div className="controls-row">
          <label>
            {t('controls.timerMinutes')}
            <input type="number" min={1} max={240} value={minutes} onChange={(e) => setMinutes(Number(e.target.value))} />
          </label>
          <button type="button" onClick={() => controls.startTimer(minutes * 60)} disabled={!(minutes > 0)}>
            {t('controls.timerStart')}
          </button>
        </div>
        {stepMinutes > 0 && (
          <button type="button" onClick={() => controls.startTimer(stepMinutes * 60)}>
            {t('controls.timerStep', { minutes: stepMinutes })}
          </button>
        )}
        <div className="controls-row">
          {timer?.state === 'paused' ? (
            <button type="button" onClick={controls.resumeTimer}>{t('controls.timerResume')}</button>
          ) : (
            <button type="button" onClick={controls.pauseTimer} disabled={timer?.state !== 'running'}>{t('controls.timerPause')}</button>
          )}
          <button type="button" onClick={() => controls.addTime(60)} disabled={!timer}>{t('controls.timerAdd')}</button>
          <button type="button" onClick={controls.clearTimer} disabled={!timer}>{t('controls.timerClear')}</button>
        </div>
      </fieldset>

      <fieldset>
        <legend>{t('controls.vote')}</legend>
        {(!vote || vote.state === 'revealed') && (
          <div className="controls-row">
            <label>
              {t('controls.voteBudget')}
              <input type="number" min={1} max={VOTE_BUDGET_MAX} value={budget} onChange={(e) => setBudget(Number(e.target.value))} />
            </label>
            <label className="check">
              <input type="checkbox" checked={stacking} onChange={(e) => setStacking(e.target.checked)} />
              {t('controls.voteStacking')}
            </label>
          </div>
        )}
        <div className="controls-row">
          {(!vote || vote.state === 'revealed') && (
            <button type="button" onClick={() => controls.openVote({ budget, stacking })} disabled={!(budget >= 1 && budget <= VOTE_BUDGET_MAX)}>
              {t('controls.voteOpen')}
            </button>
          )}
          {vote?.state === 'open' && <button type="button" onClick={controls.closeVote}>{t('controls.voteClose')}</button>}
          {(vote?.state === 'open' || vote?.state === 'closed') && <button type="button" onClick={controls.revealVote}>{t('controls.voteReveal')}</button>}
          {vote && <button type="button" onClick={controls.endVote}>{t('controls.voteEnd')}</button>}
        </div>
        {vote && vote.state !== 'revealed' && (
          <p className="controls-status">
            {t(vote.state === 'open' ? 'controls.voteStateOpen' : 'controls.voteStateClosed')}
            {hidden && ` · ${t('controls.voteVoters', { count: hidden.voters })}`}
          </p>
        )}
        {hidden && hidden.results.length > 0 && vote?.state !== 'revealed' && <ResultList board={board} results={hidden.results} title={t('controls.voteHiddenResults')} />}
      </fieldset>

      <fieldset>
        <legend>{t('controls.private')}</legend>
        {!privateMode?.on ? (
          <>
            <label className="check">
              <input type="checkbox" checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)} />
              {t('controls.privateAnonymous')}
            </label>
            <button type="button" onClick={() => controls.setPrivate(true, anonymous)}>{t('controls.privateStart')}</button>
          </>
        ) : (
          <button type="button" onClick={() => controls.setPrivate(false)}>{t('controls.privateReveal')}</button>
        )}
      </fieldset>

      <fieldset>
        <legend>{t('controls.follow')}</legend>
        <div className="controls-row">
          <button
            type="button"
            aria-pressed={followingMe}
            disabled={!view}
            onClick={() => {
              if (followingMe) {
                setLeading(false);
                stopFollow(board);
              } else if (view && followMe(board, view.visibleRect())) setLeading(true);
            }}
          >
            {t('controls.followMe')}
          </button>
          <button type="button" disabled={!view} onClick={() => view && bringEveryoneHere(board, view.visibleRect()) && setLeading(false)}>
            {t('controls.bringHere')}
          </button>
        </div>
        <div className="controls-row">
          <label>
            {t('controls.spotlightFrame')}
            <select value={frameId} onChange={(e) => setFrameId(e.target.value)} disabled={frames.length === 0}>
              {frames.length === 0 && <option value="">{t('controls.spotlightNone')}</option>}
              {frames.length > 0 && <option value="">—</option>}
              {frames.map((f) => (
                <option key={f.id} value={f.id}>{f.type === 'frame' ? f.title || f.id.slice(0, 6) : ''}</option>
              ))}
            </select>
          </label>
          <button
            type="button"
            disabled={!frameId}
            onClick={() => {
              if (!spotlightFrame(board, frameId)) return;
              setLeading(false);
              const frame = board.get(frameId);
              if (frame?.type === 'frame') view?.showRect(frame.geometry);
            }}
          >
            {t('controls.spotlight')}
          </button>
        </div>
        {follow && (
          <button type="button" onClick={() => stopFollow(board) && setLeading(false)}>
            {t('controls.followStop')}
          </button>
        )}
      </fieldset>

      <fieldset disabled={privateMode?.on}>
        <legend>{t('controls.tools')}</legend>
        <div className="controls-row">
          {PARTICIPANT_TOOLS.map((type) => (
            <label key={type} className="check">
              <input
                type="checkbox"
                checked={limited === null || limited.includes(type)}
                onChange={(e) => {
                  const current = limited ?? [...PARTICIPANT_TOOLS];
                  const next = e.target.checked ? [...current, type] : current.filter((x) => x !== type);
                  setParticipantTools(board, next.length === PARTICIPANT_TOOLS.length ? null : next);
                }}
              />
              {t(`controls.tool.${type}`)}
            </label>
          ))}
        </div>
      </fieldset>
    </section>
  );
}

/** The counts so far, read from the host while the round runs (only facilitators may). */
function useHiddenCount(controls: RoomControls, round: string | null): { results: VoteResult[]; voters: number } | null {
  const [count, setCount] = useState<{ round: string; results: VoteResult[]; voters: number } | null>(null);
  useEffect(() => {
    if (!round) return;
    let live = true;
    const read = async () => {
      const [results, voters] = await Promise.all([controls.results(), controls.voters()]);
      if (live && results) setCount({ round, results, voters: voters ?? 0 });
    };
    void read();
    const timerId = setInterval(() => void read(), COUNT_REFRESH_MS);
    return () => {
      live = false;
      clearInterval(timerId);
    };
  }, [controls, round]);
  return count && count.round === round ? count : null;
}

/** Ranked counts with each note's text. */
export function ResultList({ board, results, title }: { board: Board; results: VoteResult[]; title: string }) {
  const t = useT();
  const id = useId();
  return (
    <div className="vote-results">
      <h3 id={id}>{title}</h3>
      {results.length === 0 && <p>{t('controls.voteNone')}</p>}
      <ol aria-labelledby={id} data-testid="vote-results">
        {results.map((r) => {
          const record = board.get(r.recordId);
          const text = record?.type === 'note' ? record.text || '…' : r.recordId.slice(0, 6);
          return (
            <li key={r.recordId}>
              {t('controls.voteResult', { text, count: r.count })}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
