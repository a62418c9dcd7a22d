import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PresencePeer } from '../sync/roomConnection';
import { PresenceList } from './PresenceList';
import { click, fakePlatform, keyDown, render, until, type Rendered } from './testSupport';

const people: PresencePeer[] = [
  { clientId: 1, name: '진행자', color: '#d9480f', role: 'facilitator', self: true },
  { clientId: 4242, name: '익명 수달 7', color: '#1971c2', role: 'participant', self: false },
  { clientId: 77, name: '김민지', color: '#2f9e44', role: 'participant', self: false },
];

let view: Rendered | null = null;
afterEach(async () => {
  await view?.unmount();
  view = null;
});

const removeButtons = () => [...view!.container.querySelectorAll<HTMLButtonElement>('button.person-remove')];

describe('PresenceList', () => {
  it('offers no remove button to a participant', async () => {
    view = await render(<PresenceList people={people.map((p) => ({ ...p, self: p.clientId === 77 }))} roomId="room-1" />);
    expect(view.container.querySelectorAll('li')).toHaveLength(3);
    expect(removeButtons()).toHaveLength(0);
  });

  it('offers the facilitator a remove button for every other person, named after them', async () => {
    view = await render(<PresenceList people={people} isFacilitator roomId="room-1" />);
    expect(removeButtons().map((b) => [b.textContent, b.getAttribute('aria-label')])).toEqual([
      ['퇴장', '익명 수달 7 님 퇴장…'],
      ['퇴장', '김민지 님 퇴장…'],
    ]);
  });

  it('asks first, then removes through the platform with the client id', async () => {
    const removeParticipant = vi.fn(async () => ({ ok: true as const, value: { removed: true } }));
    view = await render(<PresenceList people={people} isFacilitator roomId="room-1" />, { platform: fakePlatform({ removeParticipant }) });

    await click(removeButtons()[0]!);
    const confirm = view.container.querySelector('[data-testid="remove-confirm"]')!;
    expect(confirm.textContent).toContain('익명 수달 7 님을 방에서 퇴장시킬까요?');
    // The confirming button names the person too, and says something no other button on the screen says.
    expect(confirm.querySelector('button.danger')!.textContent).toBe('익명 수달 7 님 퇴장시키기');
    // The list itself (a live region) is left alone: the question sits below it.
    expect(view.container.querySelector('ul')!.contains(confirm)).toBe(false);
    expect(document.activeElement?.textContent).toBe('취소');
    expect(removeParticipant).not.toHaveBeenCalled();

    await click(confirm.querySelector('button.danger')!);
    await until(() => !view!.container.querySelector('[data-testid="remove-confirm"]'));
    expect(removeParticipant).toHaveBeenCalledWith({ roomId: 'room-1', clientId: 4242 });
    expect(view.container.querySelector('p[role="status"]')!.textContent).toBe('익명 수달 7 님을 방에서 퇴장시켰습니다.');
  });

  it('cancels with Escape and gives the focus back to that person\'s button', async () => {
    const removeParticipant = vi.fn(async () => ({ ok: true as const, value: { removed: true } }));
    view = await render(<PresenceList people={people} isFacilitator roomId="room-1" />, { platform: fakePlatform({ removeParticipant }) });
    await click(removeButtons()[1]!);
    await keyDown(document.activeElement!, 'Escape');
    expect(view.container.querySelector('[data-testid="remove-confirm"]')).toBeNull();
    expect(document.activeElement).toBe(removeButtons()[1]);
    expect(removeParticipant).not.toHaveBeenCalled();
  });

  it('says so, translated, when that person is not there any more', async () => {
    const removeParticipant = vi.fn(async () => ({ ok: false as const, error: 'error.notFound' as const }));
    view = await render(<PresenceList people={people} isFacilitator roomId="room-1" />, { platform: fakePlatform({ removeParticipant }), language: 'en' });
    await click(removeButtons()[1]!);
    expect(view.container.querySelector('[data-testid="remove-confirm"]')!.textContent).toContain('Remove 김민지 from the room? They are disconnected and cannot come back from that device.');
    await click(view.container.querySelector('[data-testid="remove-confirm"] button.danger')!);
    const alert = await until(() => view!.container.querySelector('[role="alert"]'));
    expect(alert.textContent).toBe('Not found.');
    expect(removeParticipant).toHaveBeenCalledWith({ roomId: 'room-1', clientId: 77 });
    expect(document.activeElement).toBe(removeButtons()[1]);
  });

  it('offers no remove button before the room is open', async () => {
    view = await render(<PresenceList people={people} isFacilitator />);
    expect(removeButtons()).toHaveLength(0);
  });
});
