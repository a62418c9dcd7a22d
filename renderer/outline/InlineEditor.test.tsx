import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { render, type Rendered } from '../components/testSupport';
import { InlineEditor } from './InlineEditor';

let view: Rendered | null = null;
afterEach(async () => {
  await view?.unmount();
  view = null;
});

describe('outline inline editor', () => {
  it('commits what was typed when the page goes away (no blur fires on a reload), once', async () => {
    const onCommit = vi.fn();
    view = await render(<InlineEditor initial="주차" label="메모" help="" multiline max={10_000} onCommit={onCommit} onCancel={() => {}} />);
    const field = view.container.querySelector('textarea')!;
    field.value = '주차 문제';
    await act(async () => {
      window.dispatchEvent(new PageTransitionEvent('pagehide'));
    });
    expect(onCommit).toHaveBeenCalledWith('주차 문제', false);
    await act(async () => {
      field.blur();
      window.dispatchEvent(new PageTransitionEvent('pagehide'));
    });
    expect(onCommit).toHaveBeenCalledTimes(1);
  });

  it('commits when the tab is hidden', async () => {
    const onCommit = vi.fn();
    view = await render(<InlineEditor initial="" label="메모" help="" multiline max={10_000} onCommit={onCommit} onCancel={() => {}} />);
    view.container.querySelector('textarea')!.value = '골목 조명';
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    await act(async () => {
      document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
    });
    delete (document as { visibilityState?: unknown }).visibilityState;
    expect(onCommit).toHaveBeenCalledWith('골목 조명', false);
  });
});
