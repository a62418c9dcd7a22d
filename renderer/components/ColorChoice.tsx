import { useId, type KeyboardEvent } from 'react';
import { useT } from '../i18n';
import { PARTICIPANT_COLORS, type ParticipantColor } from '../../shared/people/pseudonym';
import type { RoomMessageKey } from '../../shared/i18n/room';

export type { ParticipantColor };

/** Every colour has a spoken name: a swatch alone says nothing to a screen reader or to colour-blind people. */
export const COLOR_NAMES: Record<ParticipantColor, RoomMessageKey> = {
  '#d9480f': 'color.redOrange',
  '#1971c2': 'color.blue',
  '#2f9e44': 'color.green',
  '#9c36b5': 'color.purple',
  '#e8590c': 'color.orange',
  '#0c8599': 'color.teal',
  '#c2255c': 'color.raspberry',
  '#5c940d': 'color.lime',
  '#3b5bdb': 'color.indigo',
  '#f08c00': 'color.amber',
};

const NEXT = new Set(['ArrowRight', 'ArrowDown']);
const PREVIOUS = new Set(['ArrowLeft', 'ArrowUp']);

/** A radio group of the participant colours: one Tab stop, arrow keys move and choose. */
export function ColorChoice({ value, onChange }: { value: ParticipantColor; onChange: (color: ParticipantColor) => void }) {
  const t = useT();
  const name = useId();
  const hintId = useId();

  // Browsers already move through radios with the arrow keys; doing it here too keeps the
  // behaviour identical in every browser (and in tests), wrapping at both ends like the native one.
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const step = NEXT.has(event.key) ? 1 : PREVIOUS.has(event.key) ? -1 : 0;
    if (!step) return;
    event.preventDefault();
    const at = PARTICIPANT_COLORS.indexOf(event.currentTarget.value as ParticipantColor);
    const next = PARTICIPANT_COLORS[(at + step + PARTICIPANT_COLORS.length) % PARTICIPANT_COLORS.length]!;
    onChange(next);
    const group = event.currentTarget.closest('fieldset');
    group?.querySelector<HTMLInputElement>(`input[value="${next}"]`)?.focus();
  };

  return (
    <fieldset className="color-choice" aria-describedby={hintId}>
      <legend>{t('join.colorLegend')}</legend>
      <p className="hint" id={hintId}>
        {t('join.colorHint')}
      </p>
      <div className="color-options">
        {PARTICIPANT_COLORS.map((color) => (
          <label key={color} className="color-option">
            <input type="radio" name={name} value={color} checked={value === color} onChange={() => onChange(color)} onKeyDown={onKeyDown} />
            <span className="color-swatch" style={{ background: color }} aria-hidden="true" />
            <span className="color-name">{t(COLOR_NAMES[color])}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
