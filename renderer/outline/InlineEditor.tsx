// The inline text editor of the outline. IME-safe: Enter or Escape while a Korean syllable is being
// composed (isComposing, or keyCode 229 in browsers that end composition first) never commits or
// cancels; the field is uncontrolled, so a remote update of the same note never resets what is typed.
import { useEffect, useId, useRef, type KeyboardEvent } from 'react';
import { onPageLeave } from '../board/pageLeave';

export interface InlineEditorProps {
  initial: string;
  label: string;
  help: string;
  multiline: boolean;
  /** `byKey`: Enter (focus goes back to the item) rather than leaving the field (focus stays where it went). */
  onCommit: (value: string, byKey: boolean) => void;
  onCancel: () => void;
}

export function isComposingKey(event: KeyboardEvent | globalThis.KeyboardEvent): boolean {
  const native = 'nativeEvent' in event ? event.nativeEvent : event;
  return native.isComposing || native.keyCode === 229;
}

export function InlineEditor({ initial, label, help, multiline, onCommit, onCancel }: InlineEditorProps) {
  const ref = useRef<HTMLTextAreaElement>(null);
  const composing = useRef(false);
  const done = useRef(false);
  const helpId = useId();

  useEffect(() => {
    const field = ref.current;
    if (!field) return;
    field.focus();
    field.setSelectionRange(field.value.length, field.value.length);
  }, []);

  const finish = (commit: boolean, byKey: boolean) => {
    if (done.current) return;
    done.current = true;
    if (commit) onCommit(ref.current?.value ?? initial, byKey);
    else onCancel();
  };

  // A reload, a closed or hidden tab fires no blur: what was typed is committed all the same.
  const finishRef = useRef(finish);
  useEffect(() => {
    finishRef.current = finish;
  });
  useEffect(() => onPageLeave(() => finishRef.current(true, false)), []);

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // The tree (and any board-wide shortcut) must not see keys typed into the field.
    event.stopPropagation();
    if (composing.current || isComposingKey(event)) return;
    if (event.key === 'Enter' && !(multiline && event.shiftKey)) {
      event.preventDefault();
      finish(true, true);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      finish(false, true);
    }
  };

  const lines = Math.min(8, Math.max(2, initial.split('\n').length + 1));
  return (
    <span className="outline-editor">
      <textarea
        ref={ref}
        defaultValue={initial}
        aria-label={label}
        aria-describedby={helpId}
        rows={multiline ? lines : 1}
        onKeyDown={onKeyDown}
        onKeyUp={(event) => event.stopPropagation()}
        onClick={(event) => event.stopPropagation()}
        onDoubleClick={(event) => event.stopPropagation()}
        onCompositionStart={() => (composing.current = true)}
        onCompositionEnd={() => (composing.current = false)}
        onBlur={() => finish(true, false)}
      />
      <span id={helpId} className="outline-editor-help">
        {help}
      </span>
    </span>
  );
}
