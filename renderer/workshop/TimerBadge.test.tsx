import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act } from 'react';
import * as Y from 'yjs';
import { Board } from '../../shared/board';
import { startTimer } from '../../shared/workshop/timer';
import { render } from '../components/testSupport';
import { RoomControls } from './roomControls';
import { TimerBadge } from './TimerBadge';

describe('the timer in the header', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000_000 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('counts down for everyone without announcing, and says once that time is up', async () => {
    const board = Board.create(new Y.Doc(), { boardId: 'b' });
    const controls = new RoomControls(board, null, '진행자');
    const screen = await render(<TimerBadge controls={controls} />);
    const status = () => screen.container.querySelector('[role="status"]')!.textContent;
    const timer = () => screen.container.querySelector('[role="timer"]');
    expect(timer()).toBeNull();

    await act(async () => {
      startTimer(board, 3, Date.now());
    });
    expect(timer()!.getAttribute('aria-label')).toBe('남은 시간 0:03');
    // The timer role is not live: the seconds are not read out.
    expect(timer()!.getAttribute('aria-live')).toBe('off');
    // What a screen reader hears: each change of the live region's text.
    const heard: string[] = [];
    let last = status();
    for (let second = 0; second < 6; second++) {
      await act(async () => {
        vi.advanceTimersByTime(1000);
      });
      if (status() !== last && status()) heard.push(status()!);
      last = status();
    }
    expect(timer()!.textContent).toContain('시간이 다 됐습니다');
    expect(heard).toEqual(['시간이 다 됐습니다']);
    await screen.unmount();
    controls.destroy();
  });

  it('does not announce a timer that had run out before the screen opened', async () => {
    const board = Board.create(new Y.Doc(), { boardId: 'b' });
    startTimer(board, 60, Date.now() - 120_000);
    const controls = new RoomControls(board, null, '참가자');
    const screen = await render(<TimerBadge controls={controls} />);
    expect(screen.container.querySelector('[role="timer"]')!.textContent).toContain('시간이 다 됐습니다');
    expect(screen.container.querySelector('[role="status"]')!.textContent).toBe('');
    await screen.unmount();
    controls.destroy();
  });
});
