import { describe, expect, it } from 'vitest';
import { createSelection } from './selection';

describe('selection shared by canvas and outline', () => {
  it('notifies both views and keeps focus on the last selected item', () => {
    const selection = createSelection();
    let calls = 0;
    selection.subscribe(() => calls++);
    selection.set(['a', 'b']);
    expect([...selection.get().selected]).toEqual(['a', 'b']);
    expect(selection.get().focused).toBe('b');
    selection.toggle('a');
    expect([...selection.get().selected]).toEqual(['b']);
    expect(calls).toBe(2);
  });

  it('forgets deleted items', () => {
    const selection = createSelection();
    selection.set(['a', 'b'], 'a');
    selection.retain((id) => id !== 'a');
    expect([...selection.get().selected]).toEqual(['b']);
    expect(selection.get().focused).toBeNull();
  });
});
