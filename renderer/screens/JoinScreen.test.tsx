import 'fake-indexeddb/auto';
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MadangDatabase } from '../db/database';
import { PARTICIPANT_COLORS } from '../../shared/people/pseudonym';
import type { JoinTicket } from '../../shared/room/api';
import { click, fakePlatform, keyDown, render, until, type Rendered } from '../components/testSupport';
import { JoinScreen } from './JoinScreen';

const ticket: JoinTicket = { roomId: 'room-1', sessionId: 'session-1', title: '골목 안전 워크숍', joinCode: 'ABCDEF', memberToken: 'pAAAAAAAAAAAAAAAA.p.AAAAAAAAAAAAAAAAAAAAAA' };

let view: Rendered | null = null;
let db: MadangDatabase | null = null;
afterEach(async () => {
  await view?.unmount();
  view = null;
  db?.close();
  await db?.delete();
  db = null;
  vi.restoreAllMocks();
});

async function open(options: { automation?: boolean; language?: 'ko' | 'en'; random?: number } = {}) {
  vi.spyOn(Math, 'random').mockReturnValue(options.random ?? 0);
  db = new MadangDatabase(`join-screen-${Math.random()}`);
  const navigate = vi.fn();
  const platform = fakePlatform({ automation: options.automation ?? false, join: vi.fn(async () => ({ ok: true as const, value: ticket })) });
  view = await render(<JoinScreen code="ABCDEF" onShown={() => {}} />, { platform, db, navigate, language: options.language });
  return { navigate, db };
}

const radios = () => [...view!.container.querySelectorAll<HTMLInputElement>('input[type="radio"]')];
const checked = () => radios().find((r) => r.checked);
const labelOf = (radio: HTMLInputElement) => radio.closest('label')!.textContent;

describe('JoinScreen colour choice', () => {
  it('offers every colour as a labelled radio in a fieldset, one preselected at random (never the facilitator’s)', async () => {
    await open({ random: 0.35 });
    await until(() => radios().length);
    const fieldset = view!.container.querySelector('fieldset')!;
    expect(fieldset.querySelector('legend')!.textContent).toBe('내 색');
    expect(radios().map((r) => r.value)).toEqual([...PARTICIPANT_COLORS]);
    expect(radios().map(labelOf)).toEqual(['주홍', '파랑', '초록', '보라', '주황', '청록', '진분홍', '연두', '남색', '호박색']);
    expect(new Set(radios().map((r) => r.name)).size).toBe(1);
    expect(radios().filter((r) => r.checked)).toHaveLength(1);
    // The random default skips the facilitator's colour (the first): 0.35 of the other nine is the fourth of them.
    expect(checked()!.value).toBe(PARTICIPANT_COLORS[4]);
  });

  it('names the colours in English too', async () => {
    await open({ language: 'en' });
    await until(() => radios().length);
    expect(view!.container.querySelector('legend')!.textContent).toBe('Your colour');
    expect(radios().map(labelOf).slice(0, 3)).toEqual(['Red-orange', 'Blue', 'Green']);
  });

  it('moves the choice with the arrow keys, wrapping at the ends, and stores the chosen colour', async () => {
    const { navigate, db } = await open();
    await until(() => radios().length);
    const first = checked()!;
    expect(first.value).toBe(PARTICIPANT_COLORS[1]);
    first.focus();

    await keyDown(document.activeElement!, 'ArrowRight');
    expect(checked()!.value).toBe(PARTICIPANT_COLORS[2]);
    expect(document.activeElement).toBe(checked());
    await keyDown(document.activeElement!, 'ArrowDown');
    expect(checked()!.value).toBe(PARTICIPANT_COLORS[3]);
    await keyDown(document.activeElement!, 'ArrowUp');
    await keyDown(document.activeElement!, 'ArrowLeft');
    await keyDown(document.activeElement!, 'ArrowLeft');
    await keyDown(document.activeElement!, 'ArrowLeft');
    expect(checked()!.value).toBe(PARTICIPANT_COLORS[PARTICIPANT_COLORS.length - 1]);
    expect(document.activeElement).toBe(checked());
    await keyDown(document.activeElement!, 'ArrowRight');
    await keyDown(document.activeElement!, 'ArrowRight');
    expect(checked()!.value).toBe(PARTICIPANT_COLORS[1]);

    await click(view!.buttons('참여하기')[0]!);
    await until(() => navigate.mock.calls.length);
    expect(navigate).toHaveBeenCalledWith({ name: 'board', sessionId: 'session-1' });
    expect(await db.getSetting('participantColor')).toBe(PARTICIPANT_COLORS[1]);
    expect(await db.getSetting('displayName')).toMatch(/^익명 /);
  });

  it('takes a click on a colour, and keeps a typed name', async () => {
    const { navigate, db } = await open();
    await until(() => radios().length);
    await click(radios()[5]!);
    expect(checked()!.value).toBe(PARTICIPANT_COLORS[5]);
    const name = view!.container.querySelector<HTMLInputElement>('input:not([type])')!;
    await act(async () => {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(name, '김민지');
      name.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await click(view!.buttons('참여하기')[0]!);
    await until(() => navigate.mock.calls.length);
    expect(await db.getSetting('participantColor')).toBe(PARTICIPANT_COLORS[5]);
    expect(await db.getSetting('displayName')).toBe('김민지');
  });

  it('enters at once with every default under automation, the preselected colour included', async () => {
    const { navigate, db } = await open({ automation: true, random: 0.75 });
    await until(() => navigate.mock.calls.length);
    expect(await db.getSetting('participantColor')).toBe(PARTICIPANT_COLORS[7]);
  });

  it('still says a wrong code is wrong, translated', async () => {
    db = new MadangDatabase(`join-screen-${Math.random()}`);
    const platform = fakePlatform({ join: async () => ({ ok: false, error: 'join.invalidCode' }) });
    view = await render(<JoinScreen code="ZZZZZZ" onShown={() => {}} />, { platform, db });
    const alert = await until(() => view!.container.querySelector('[role="alert"]'));
    expect(alert.textContent).toBe('참여 코드가 맞지 않거나 만료되었습니다. 진행자에게 코드를 다시 확인해 주세요.');
    expect(radios()).toHaveLength(0);
  });
});
