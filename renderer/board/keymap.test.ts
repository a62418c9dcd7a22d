import { describe, expect, it } from 'vitest';
import { commandForKey, type KeyContext, type KeyPress } from './keymap';

const press = (key: string, extra: Partial<KeyPress> = {}): KeyPress => ({ key, code: '', ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...extra });
const idle: KeyContext = { hasSelection: false, readOnly: false, inSink: false };
const selected: KeyContext = { ...idle, hasSelection: true };

describe('canvas keymap', () => {
  it('maps Ctrl and ⌘ shortcuts to the same commands, whatever the letter case', () => {
    for (const mod of [{ ctrlKey: true }, { metaKey: true }]) {
      expect(commandForKey(press('z', mod), idle)).toEqual({ run: 'undo' });
      expect(commandForKey(press('Z', { ...mod, shiftKey: true }), idle)).toEqual({ run: 'redo' });
      expect(commandForKey(press('y', mod), idle)).toEqual({ run: 'redo' });
      expect(commandForKey(press('C', mod), idle)).toEqual({ run: 'copy' });
      expect(commandForKey(press('x', mod), idle)).toEqual({ run: 'cut' });
      expect(commandForKey(press('v', mod), idle)).toEqual({ run: 'paste' });
      expect(commandForKey(press('d', mod), idle)).toEqual({ run: 'duplicate' });
      expect(commandForKey(press('g', mod), idle)).toEqual({ run: 'group' });
      expect(commandForKey(press('G', { ...mod, shiftKey: true }), idle)).toEqual({ run: 'ungroup' });
      expect(commandForKey(press('a', mod), idle)).toEqual({ run: 'selectAll' });
      expect(commandForKey(press('0', mod), idle)).toEqual({ run: 'fit' });
    }
  });

  it('leaves unknown Ctrl shortcuts and every Alt combination to the browser', () => {
    expect(commandForKey(press('p', { ctrlKey: true }), idle)).toBeNull();
    expect(commandForKey(press('z', { ctrlKey: true, altKey: true }), idle)).toBeNull();
    expect(commandForKey(press('ArrowLeft', { altKey: true }), selected)).toBeNull();
  });

  it('Delete and Escape act only on a selection; Enter edits it, or adds a note without one', () => {
    expect(commandForKey(press('Delete'), idle)).toBeNull();
    expect(commandForKey(press('Backspace'), selected)).toEqual({ run: 'delete' });
    expect(commandForKey(press('Escape'), idle)).toBeNull();
    expect(commandForKey(press('Escape'), selected)).toEqual({ run: 'clearSelection' });
    expect(commandForKey(press('Enter'), selected)).toEqual({ run: 'edit' });
    expect(commandForKey(press('Enter'), idle)).toEqual({ run: 'addNote' });
    expect(commandForKey(press('F2'), selected)).toEqual({ run: 'edit' });
  });

  it('arrows nudge the selection (Shift: further), or pan the view when nothing may move', () => {
    expect(commandForKey(press('ArrowRight'), selected)).toEqual({ run: 'nudge', dx: 10, dy: 0 });
    expect(commandForKey(press('ArrowUp', { shiftKey: true }), selected)).toEqual({ run: 'nudge', dx: 0, dy: -50 });
    expect(commandForKey(press('ArrowRight'), idle)).toEqual({ run: 'pan', dx: -50, dy: 0 });
    expect(commandForKey(press('ArrowDown'), { ...selected, readOnly: true })).toEqual({ run: 'pan', dx: 0, dy: -50 });
  });

  it('single letters are shortcuts on the canvas but typing in a selected note', () => {
    expect(commandForKey(press('n'), idle)).toEqual({ run: 'addNote' });
    // A Korean layout sends ㅜ for the N key: the physical key still counts.
    expect(commandForKey(press('ㅜ', { code: 'KeyN' }), idle)).toEqual({ run: 'addNote' });
    expect(commandForKey(press('n'), { ...selected, inSink: true })).toBeNull();
    expect(commandForKey(press('+'), idle)).toEqual({ run: 'zoomIn' });
    expect(commandForKey(press('-'), { ...selected, inSink: true })).toBeNull();
    expect(commandForKey(press('!', { shiftKey: true }), idle)).toEqual({ run: 'fit' });
    // Keys that are never typing stay shortcuts in the note's sink.
    expect(commandForKey(press('Delete'), { ...selected, inSink: true })).toEqual({ run: 'delete' });
    expect(commandForKey(press(' '), idle)).toEqual({ run: 'holdSpace' });
  });
});
