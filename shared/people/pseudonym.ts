// Participants may stay anonymous: they get a friendly pseudonym and a colour, no account.
export const PARTICIPANT_COLORS = ['#d9480f', '#1971c2', '#2f9e44', '#9c36b5', '#e8590c', '#0c8599', '#c2255c', '#5c940d', '#3b5bdb', '#f08c00'] as const;

export interface Participant {
  name: string;
  color: string;
}

/** `animals` is the translated, comma-separated list; `format` wraps one animal in the translated pattern. */
export function anonymousParticipant(animals: string, format: (animal: string) => string, random: () => number = Math.random): Participant {
  const list = animals.split(',').map((s) => s.trim()).filter(Boolean);
  const animal = list[Math.floor(random() * list.length)] ?? '?';
  const number = 1 + Math.floor(random() * 99);
  const color = PARTICIPANT_COLORS[Math.floor(random() * PARTICIPANT_COLORS.length)] ?? PARTICIPANT_COLORS[0];
  return { name: `${format(animal)} ${number}`, color };
}

export function cleanDisplayName(input: string): string {
  // Control characters and runs of spaces removed; 40 characters fit a presence chip.
  return input.replace(/[\p{Cc}\p{Cf}]/gu, '').replace(/\s+/g, ' ').trim().slice(0, 40);
}
