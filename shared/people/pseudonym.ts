// Participants may stay anonymous: they get a friendly pseudonym and a colour, no account.
import type { NoteColor } from '../board/types';

export const PARTICIPANT_COLORS = ['#d9480f', '#1971c2', '#2f9e44', '#9c36b5', '#e8590c', '#0c8599', '#c2255c', '#5c940d', '#3b5bdb', '#f08c00'] as const;
export type ParticipantColor = (typeof PARTICIPANT_COLORS)[number];

/** The facilitator's colour (always the first): nobody else gets it by default. */
export const FACILITATOR_COLOR: ParticipantColor = PARTICIPANT_COLORS[0];

/**
 * The light note colour nearest to each participant colour. A participant's name and cursor are
 * drawn in the strong colour, their new notes in this one (note text stays readable on it).
 */
export const NOTE_COLOR_OF: Record<ParticipantColor, NoteColor> = {
  '#d9480f': 'orange',
  '#1971c2': 'blue',
  '#2f9e44': 'green',
  '#9c36b5': 'purple',
  '#e8590c': 'orange',
  '#0c8599': 'blue',
  '#c2255c': 'pink',
  '#5c940d': 'green',
  '#3b5bdb': 'purple',
  '#f08c00': 'yellow',
};

export function isParticipantColor(value: unknown): value is ParticipantColor {
  return typeof value === 'string' && (PARTICIPANT_COLORS as readonly string[]).includes(value);
}

/**
 * A default colour for someone joining: never the facilitator's, and none that `taken` (the
 * colours of people present) already has while a free one is left.
 */
export function pickParticipantColor(taken: readonly string[] = [], random: () => number = Math.random): ParticipantColor {
  const others = PARTICIPANT_COLORS.filter((c) => c !== FACILITATOR_COLOR);
  const free = others.filter((c) => !taken.includes(c));
  const pool = free.length > 0 ? free : others;
  return pool[Math.min(pool.length - 1, Math.floor(random() * pool.length))]!;
}

export interface Participant {
  name: string;
  color: string;
}

/** `animals` is the translated, comma-separated list; `format` wraps one animal in the translated pattern. */
export function anonymousParticipant(animals: string, format: (animal: string) => string, random: () => number = Math.random): Participant {
  const list = animals.split(',').map((s) => s.trim()).filter(Boolean);
  const animal = list[Math.floor(random() * list.length)] ?? '?';
  const number = 1 + Math.floor(random() * 99);
  const color = pickParticipantColor([], random);
  return { name: `${format(animal)} ${number}`, color };
}

export function cleanDisplayName(input: string): string {
  // Control characters and runs of spaces removed; 40 characters fit a presence chip.
  return input.replace(/[\p{Cc}\p{Cf}]/gu, '').replace(/\s+/g, ' ').trim().slice(0, 40);
}
