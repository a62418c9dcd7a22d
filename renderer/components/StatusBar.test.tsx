import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectionState } from '../sync/roomConnection';
import { StatusBar } from './StatusBar';
import { RoomEndedNotice } from './RoomEndedNotice';
import { render, type Rendered } from './testSupport';

let view: Rendered | null = null;
afterEach(async () => {
  await view?.unmount();
  view = null;
});

const connected: ConnectionState = {
  transport: 'webrtc',
  signaling: 'connected',
  peers: 3,
  synced: true,
  pendingLocal: false,
  receiving: null,
  ended: null,
  people: [1, 2, 3, 4].map((clientId) => ({ clientId, name: `p${clientId}`, color: '#1971c2', role: 'participant' as const, self: clientId === 1 })),
  webrtcPeers: 3,
};

async function show(connection: ConnectionState | null, language: 'ko' | 'en' = 'ko') {
  view = await render(<StatusBar connection={connection} />, { language });
  const status = view.container.querySelector<HTMLElement>('[data-testid="connection-status"]')!;
  const live = view.container.querySelector<HTMLElement>('[role="status"]')!;
  return { status, live, progress: view.container.querySelector('progress') };
}

describe('StatusBar', () => {
  it('says "on this device only" without a room', async () => {
    const { status, live } = await show(null);
    expect(status.textContent).toBe('이 기기에만 저장');
    expect(status.dataset).toMatchObject({ state: 'local', synced: 'false' });
    expect(live.contains(status)).toBe(true);
  });

  it('says connecting', async () => {
    const { status } = await show({ ...connected, transport: 'connecting', signaling: 'connecting', synced: false, peers: 0 });
    expect(status.textContent).toBe('연결 중…');
    expect(status.dataset).toMatchObject({ state: 'connecting', synced: 'false' });
  });

  it('says connected over WebRTC with the number of people in the room (as the people list counts them), synced', async () => {
    const { status, live } = await show(connected);
    expect(status.textContent).toBe('연결됨 · 방에 4명 · 직접 연결(WebRTC) · 동기화됨');
    expect(status.dataset).toMatchObject({ state: 'webrtc', synced: 'true' });
    // Nothing to explain when all is well.
    expect(live.textContent).toBe(status.textContent);
  });

  it('says when the host relays because WebRTC could not connect, and when not yet synced', async () => {
    const { status, live } = await show({ ...connected, transport: 'relay', synced: false, peers: 1, people: connected.people.slice(0, 2) });
    expect(status.textContent).toBe('연결됨 · 방에 2명 · 릴레이 연결 · 동기화 중…');
    expect(status.dataset).toMatchObject({ state: 'relay', synced: 'false' });
    expect(live.textContent).toContain('WebRTC로 직접 연결할 수 없어 진행자 컴퓨터가 중계하고 있습니다.');
  });

  it('says when the room syncs through its external sync server, in Korean and English', async () => {
    const ko = await show({ ...connected, transport: 'server', webrtcPeers: 0 });
    expect(ko.status.textContent).toBe('연결됨 · 방에 4명 · 외부 동기화 서버 경유 · 동기화됨');
    expect(ko.status.dataset).toMatchObject({ state: 'server', synced: 'true' });
    expect(ko.live.textContent).toContain('이 방은 진행자 컴퓨터 대신 동기화 서버를 거칩니다.');
    await view?.unmount();
    const en = await show({ ...connected, transport: 'server', webrtcPeers: 0 }, 'en');
    expect(en.status.textContent).toBe('Connected · 4 in the room · via the sync server · synced');
  });

  it('says offline with changes kept on this device that merge on return', async () => {
    const { status, live } = await show({ ...connected, transport: 'offline', signaling: 'offline', synced: false, pendingLocal: true, peers: 0 });
    expect(status.textContent).toBe('오프라인 · 아직 보내지 않은 변경 있음');
    expect(status.dataset).toMatchObject({ state: 'offline', synced: 'false' });
    expect(live.textContent).toContain('변경 내용은 이 기기에 보관되고, 연결되면 합쳐집니다.');
  });

  it('counts one person in English without a wrong plural', async () => {
    const { status } = await show({ ...connected, people: connected.people.slice(0, 1) }, 'en');
    expect(status.textContent).toMatch(/ · 1 in the room · /);
  });

  it('says it in English too', async () => {
    const { status, live } = await show({ ...connected, transport: 'offline', signaling: 'offline', synced: false, pendingLocal: true }, 'en');
    expect(status.textContent).toBe('Offline · changes not sent yet');
    expect(live.textContent).toContain('Your changes are kept on this device and merge when you are back.');
  });

  it('shows the progress of a large download outside the live region, with an accessible label', async () => {
    const { status, live, progress } = await show({ ...connected, synced: false, receiving: { received: 425, total: 1000 } });
    expect(status.textContent).toBe('연결됨 · 방에 4명 · 직접 연결(WebRTC) · 보드 받는 중…');
    expect(progress).not.toBeNull();
    expect(progress!.getAttribute('aria-label')).toBe('보드 받는 중 42%');
    expect(progress!.getAttribute('value')).toBe('42');
    expect(progress!.getAttribute('max')).toBe('100');
    // Ticks of the progress bar are not announced: the live region does not change with them.
    expect(live.contains(progress)).toBe(false);
    const before = live.textContent;
    await view!.rerender(<StatusBar connection={{ ...connected, synced: false, receiving: { received: 800, total: 1000 } }} />);
    expect(view!.container.querySelector('progress')!.getAttribute('aria-label')).toBe('보드 받는 중 80%');
    expect(live.textContent).toBe(before);
  });

  it('says when the facilitator closed the room or removed this person', async () => {
    const { status, live, progress } = await show({ ...connected, transport: 'offline', synced: false, ended: 'closed', receiving: { received: 1, total: 2 } });
    expect(status.textContent).toBe('방이 닫혔습니다');
    expect(status.dataset).toMatchObject({ state: 'offline', synced: 'false', ended: 'closed' });
    expect(live.textContent).toContain('보드는 이 기기에 남아 있습니다.');
    expect(progress).toBeNull();
    await view!.rerender(<StatusBar connection={{ ...connected, transport: 'offline', synced: false, ended: 'removed' }} />);
    expect(status.textContent).toBe('방에서 퇴장되었습니다');
  });
});

describe('RoomEndedNotice', () => {
  it('alerts that the room was closed, and that the board stays here', async () => {
    view = await render(<RoomEndedNotice ended="closed" />);
    const alert = view.container.querySelector('[role="alert"]')!;
    expect(alert.textContent).toContain('진행자가 방을 닫았습니다.');
    expect(alert.textContent).toContain('이 기기에 그대로 남아 있고');
  });

  it('alerts that this person was removed, in English too', async () => {
    view = await render(<RoomEndedNotice ended="removed" />, { language: 'en' });
    expect(view.container.querySelector('[role="alert"]')!.textContent).toBe(
      'The facilitator removed you from the room. The board so far stays on this device. Ask the facilitator if you want to join again.',
    );
  });

  it('shows nothing while the room goes on', async () => {
    view = await render(<RoomEndedNotice ended={null} />);
    expect(view.container.innerHTML).toBe('');
  });
});
