// The step timer in the board's header, for everyone: counts down each second (not announced),
// and at the end shows it, plays a short soft chime and says it once to screen readers.
import { useEffect, useState } from 'react';
import { useT } from '../i18n';
import { timerRemaining } from '../../shared/workshop/timer';
import type { RoomControls } from './roomControls';
import { clock, useControls } from './useControls';

export function TimerBadge({ controls }: { controls: RoomControls }) {
  const t = useT();
  useControls(controls);
  const timer = controls.timer();
  const [now, setNow] = useState(() => Date.now());
  const remaining = timer ? timerRemaining(timer, now) : 0;
  const running = timer?.state === 'running';
  const ended = running && remaining === 0;
  const endsAt = running ? timer.endsAt : null;

  useEffect(() => {
    if (!running || ended) return;
    const first = setTimeout(() => setNow(Date.now()), 0);
    const tick = setInterval(() => setNow(Date.now()), 1000);
    return () => {
      clearTimeout(first);
      clearInterval(tick);
    };
  }, [running, ended, endsAt]);

  // A timer that had already run out when this screen opened is neither heard nor announced.
  const [endedAtStart] = useState(() => (ended ? endsAt : null));
  const justEnded = ended && endsAt !== endedAtStart;
  useEffect(() => {
    if (justEnded) chime();
  }, [justEnded, endsAt]);
  const announcement = justEnded ? t('controls.timerUp') : '';

  const label = !timer ? '' : ended ? t('controls.timerUp') : timer.state === 'paused' ? t('controls.timerPaused', { time: clock(remaining) }) : t('controls.timerLeft', { time: clock(remaining) });
  return (
    <>
      {timer && (
        <span className={`timer-badge${ended ? ' timer-ended' : ''}${timer.state === 'paused' ? ' timer-paused' : ''}`} role="timer" aria-live="off" aria-label={label} data-testid="timer">
          <ClockIcon /> {ended ? t('controls.timerUp') : clock(remaining)}
        </span>
      )}
      {/* Always in the page, so the one announcement at the end is heard. */}
      <span className="visually-hidden" role="status">
        {announcement}
      </span>
    </>
  );
}

/** A short, soft two-note chime made on the spot (no sound file). */
function chime(): void {
  try {
    const Context = window.AudioContext;
    if (!Context) return;
    const audio = new Context();
    const start = audio.currentTime;
    [660, 880].forEach((frequency, i) => {
      const at = start + i * 0.35;
      const tone = audio.createOscillator();
      const gain = audio.createGain();
      tone.type = 'sine';
      tone.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(0.12, at + 0.04);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.9);
      tone.connect(gain).connect(audio.destination);
      tone.start(at);
      tone.stop(at + 1);
    });
    setTimeout(() => void audio.close(), 2000);
  } catch {
    // No audio here (or not allowed yet): the visual and the announcement remain.
  }
}

function ClockIcon() {
  return (
    <svg className="timer-icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round">
      <circle cx="12" cy="13" r="8" />
      <path d="M12 9v4l2.5 2.5M9.5 2.5h5" />
    </svg>
  );
}
