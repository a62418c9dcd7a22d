// Selection and focus shared by the canvas and the outline: select in one, it is selected in
// the other. A tiny external store (useSyncExternalStore-friendly), one per open board.
export interface SelectionState {
  /** Selected record ids. */
  selected: ReadonlySet<string>;
  /** The record keyboard focus is on (outline) or last clicked (canvas), if any. */
  focused: string | null;
}

export interface Selection {
  get(): SelectionState;
  set(ids: Iterable<string>, focused?: string | null): void;
  toggle(id: string): void;
  clear(): void;
  /** Drops ids that no longer exist (after a local or remote delete). */
  retain(exists: (id: string) => boolean): void;
  subscribe(listener: () => void): () => void;
}

export function createSelection(): Selection {
  let state: SelectionState = { selected: new Set(), focused: null };
  const listeners = new Set<() => void>();
  const emit = (next: SelectionState) => {
    state = next;
    for (const listener of listeners) listener();
  };
  return {
    get: () => state,
    set: (ids, focused) => {
      const selected = new Set(ids);
      emit({ selected, focused: focused === undefined ? ([...selected].at(-1) ?? null) : focused });
    },
    toggle: (id) => {
      const selected = new Set(state.selected);
      if (selected.has(id)) selected.delete(id);
      else selected.add(id);
      emit({ selected, focused: id });
    },
    clear: () => {
      if (state.selected.size || state.focused) emit({ selected: new Set(), focused: null });
    },
    retain: (exists) => {
      const selected = new Set([...state.selected].filter(exists));
      const focused = state.focused && exists(state.focused) ? state.focused : null;
      if (selected.size !== state.selected.size || focused !== state.focused) emit({ selected, focused });
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
