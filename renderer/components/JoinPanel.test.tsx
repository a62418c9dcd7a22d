import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RoomInfo } from '../../shared/room/api';
import { JoinPanel } from './JoinPanel';
import { click, fakePlatform, keyDown, render, until, type Rendered } from './testSupport';

const room: RoomInfo = {
  roomId: 'room-1',
  sessionId: 'session-1',
  title: '골목 안전 워크숍',
  joinCode: 'ABC234',
  joinUrl: 'http://192.168.0.10:4780/?join=ABC234',
  addresses: ['192.168.0.10', '10.0.0.5'],
  qrSvg: '<svg xmlns="http://www.w3.org/2000/svg"/>',
  memberToken: 'fAAAAAAAAAAAAAAAA.f.AAAAAAAAAAAAAAAAAAAAAA',
};

let view: Rendered | null = null;
afterEach(async () => {
  await view?.unmount();
  view = null;
});

const dialog = () => view!.container.querySelector<HTMLDialogElement>('dialog');

describe('JoinPanel projection', () => {
  it('opens the join info large in a modal dialog; Escape closes it and focus returns to the button', async () => {
    view = await render(<JoinPanel room={room} />);
    expect(dialog()).toBeNull();
    const showLarge = view.buttons('크게 보기')[0]!;
    expect(showLarge.getAttribute('aria-haspopup')).toBe('dialog');
    showLarge.focus();
    await click(showLarge);

    const open = dialog()!;
    expect(open.open).toBe(true);
    const title = open.querySelector(`#${CSS.escape(open.getAttribute('aria-labelledby')!)}`);
    expect(title?.textContent).toBe('마당에 참여하기');
    expect(open.querySelector('[data-testid="projection-join-code"]')!.textContent).toContain('ABC 234');
    expect(open.querySelector('img')!.getAttribute('alt')).toBe('참여 주소 QR 코드');
    expect(open.textContent).toContain(room.joinUrl);
    expect([...open.querySelectorAll('li')].map((li) => li.textContent)).toEqual(room.addresses);
    // The panel's own test ids stay unique while the dialog is open.
    expect(view.container.querySelectorAll('[data-testid="join-code"]')).toHaveLength(1);

    // As showModal does in a browser, the focus is inside the dialog.
    const close = open.querySelector('button')!;
    expect(close.textContent).toBe('닫기');
    close.focus();
    await keyDown(close, 'Escape');
    expect(dialog()).toBeNull();
    expect(document.activeElement).toBe(showLarge);
  });

  it('closes with its close button too', async () => {
    view = await render(<JoinPanel room={room} />, { language: 'en' });
    await click(view.buttons('Show large')[0]!);
    const close = dialog()!.querySelector('button')!;
    close.focus();
    await click(close);
    expect(dialog()).toBeNull();
    expect(document.activeElement).toBe(view.buttons('Show large')[0]);
  });
});

describe('JoinPanel close room', () => {
  it('asks first, then closes the room through the platform and tells the board', async () => {
    const closeRoom = vi.fn(async () => ({ ok: true as const, value: { closed: true } }));
    const onClosed = vi.fn();
    view = await render(<JoinPanel room={room} onClosed={onClosed} />, { platform: fakePlatform({ closeRoom }) });

    await click(view.buttons('방 닫기')[0]!);
    expect(closeRoom).not.toHaveBeenCalled();
    const confirm = view.container.querySelector('[data-testid="close-room-confirm"]')!;
    expect(confirm.getAttribute('role')).toBe('group');
    expect(confirm.textContent).toContain('방을 닫을까요?');
    // The harmless choice has the focus.
    expect(document.activeElement?.textContent).toBe('취소');

    await click(view.buttons('방 닫기')[0]!);
    await until(() => onClosed.mock.calls.length);
    expect(closeRoom).toHaveBeenCalledWith({ roomId: 'room-1' });
  });

  it('cancels with the cancel button or Escape, returning focus to the close button', async () => {
    const closeRoom = vi.fn(async () => ({ ok: true as const, value: { closed: true } }));
    view = await render(<JoinPanel room={room} />, { platform: fakePlatform({ closeRoom }) });
    await click(view.buttons('방 닫기')[0]!);
    await click(view.buttons('취소')[0]!);
    expect(view.container.querySelector('[data-testid="close-room-confirm"]')).toBeNull();
    expect(document.activeElement).toBe(view.buttons('방 닫기')[0]);

    await click(view.buttons('방 닫기')[0]!);
    await keyDown(document.activeElement!, 'Escape');
    expect(view.container.querySelector('[data-testid="close-room-confirm"]')).toBeNull();
    expect(document.activeElement).toBe(view.buttons('방 닫기')[0]);
    expect(closeRoom).not.toHaveBeenCalled();
  });

  it('shows a translated error when the host refuses', async () => {
    const onClosed = vi.fn();
    view = await render(<JoinPanel room={room} onClosed={onClosed} />, { platform: fakePlatform({ closeRoom: async () => ({ ok: false, error: 'error.forbidden' }) }) });
    await click(view.buttons('방 닫기')[0]!);
    await click(view.buttons('방 닫기')[0]!);
    const alert = await until(() => view!.container.querySelector('[role="alert"]'));
    expect(alert.textContent).toBe('이 작업은 진행자 컴퓨터에서만 할 수 있습니다.');
    expect(onClosed).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(view.buttons('방 닫기')[0]);
  });
});

describe('JoinPanel new join code', () => {
  const renewed: RoomInfo = { ...room, joinCode: 'XYZ789', joinUrl: 'http://192.168.0.10:4780/?join=XYZ789' };

  it('asks first, then renews the code through the platform, shows the new one at once and says so', async () => {
    const renewJoinCode = vi.fn(async () => ({ ok: true as const, value: renewed }));
    const onRenewed = vi.fn();
    view = await render(<JoinPanel room={room} onRenewed={onRenewed} />, { platform: fakePlatform({ renewJoinCode }) });

    await click(view.buttons('새 참여 코드 발급')[0]!);
    expect(renewJoinCode).not.toHaveBeenCalled();
    const confirm = view.container.querySelector('[data-testid="renew-code-confirm"]')!;
    expect(confirm.textContent).toContain('지금 방에 있는 사람은 그대로 연결되어 있고');
    expect(document.activeElement?.textContent).toBe('취소');

    await click(view.buttons('새 코드 발급')[0]!);
    await until(() => onRenewed.mock.calls.length);
    expect(renewJoinCode).toHaveBeenCalledWith({ roomId: 'room-1' });
    expect(onRenewed).toHaveBeenCalledWith(renewed);
    // The board gives the panel the room with its new code: it shows at once.
    await view.rerender(<JoinPanel room={renewed} onRenewed={onRenewed} />);
    expect(view.container.querySelector('[data-testid="join-code"]')!.textContent).toBe('XYZ 789');
    expect(view.container.querySelector('[data-testid="join-url"]')!.textContent).toBe(renewed.joinUrl);
    expect(view.container.querySelector('[role="status"]')!.textContent).toBe('새 참여 코드를 발급했습니다: XYZ 789');
    expect(document.activeElement).toBe(view.buttons('새 참여 코드 발급')[0]);
  });

  it('keeps the code and shows a translated error when the host refuses; cancel changes nothing', async () => {
    const onRenewed = vi.fn();
    const renewJoinCode = vi.fn(async () => ({ ok: false as const, error: 'error.forbidden' as const }));
    view = await render(<JoinPanel room={room} onRenewed={onRenewed} />, { platform: fakePlatform({ renewJoinCode }), language: 'en' });
    await click(view.buttons('New join code')[0]!);
    await click(view.buttons('Cancel')[0]!);
    expect(renewJoinCode).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(view.buttons('New join code')[0]);

    await click(view.buttons('New join code')[0]!);
    await click(view.buttons('Issue new code')[0]!);
    const alert = await until(() => view!.container.querySelector('[role="alert"]'));
    expect(alert.textContent).toBeTruthy();
    expect(onRenewed).not.toHaveBeenCalled();
    expect(view.container.querySelector('[data-testid="join-code"]')!.textContent).toBe('ABC 234');
  });
});
