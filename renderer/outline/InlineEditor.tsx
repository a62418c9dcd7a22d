// The inline text editor of the outline. IME-safe: Enter or Escape while a Korean syllable is being
// composed (isComposing, or keyCode 229 in browsers that end composition first) never commits or
// cancels; the field is uncontrolled, so a remote update of the same note never resets what is typed.
import { useEffect, useId, useRef, useState, type ClipboardEvent, type KeyboardEvent } from 'react';
import { useT } from '../i18n';
import { cutByPaste, limitText } from '../board/textLimit';
import { onPageLeave } from '../board/pageLeave';

export interface InlineEditorProps {
  initial: string;
  label: string;
  help: string;
  multiline: boolean;
  /** The most the document keeps (TEXT_MAX, LABEL_MAX): the field takes no more and shows it. */
  max: number;
  /** `byKey`: Enter (focus goes back to the item) rather than leaving the field (focus stays where it went). */
  onCommit: (value: string, byKey: boolean) => void;
  onCancel: () => void;
}

export function isComposingKey(event: KeyboardEvent | globalThis.KeyboardEvent): boolean {
  const native = 'nativeEvent' in event ? event.nativeEvent : event;
  return native.isComposing || native.keyCode === 229;
}

export function InlineEditor({ initial, label, help, multiline, max, onCommit, onCancel }: InlineEditorProps) {
  const t = useT();
  const [limit, setLimit] = useState(() => limitText(initial.length, max, 0, t));
  const cut = useRef(0);
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

  const onPaste = (event: ClipboardEvent<HTMLTextAreaElement>) => {
    const field = event.currentTarget;
    cut.current = cutByPaste(field.value.length, Math.abs(field.selectionEnd - field.selectionStart), event.clipboardData.getData('text/plain').length, max);
  };

  const lines = Math.min(8, Math.max(2, initial.split('\n').length + 1));
  return (
    <span className="outline-editor">
      <textarea
        ref={ref}
        defaultValue={initial}
        aria-label={label}
        aria-describedby={`${helpId} ${helpId}-limit`}
        rows={multiline ? lines : 1}
        maxLength={max}
        onPaste={onPaste}
        onInput={(event) => {
          const next = limitText(event.currentTarget.value.length, max, cut.current, t);
          cut.current = 0;
          // A cut is said until the text is well under the limit again.
          setLimit((previous) => (next.message || !next.counter ? next : { ...next, message: previous.message }));
        }}
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
      <span id={`${helpId}-limit`} className="outline-editor-limit">
        {limit.counter && <span className="outline-editor-count">{limit.counter}</span>}
        <span role="status">{limit.message}</span>
      </span>
    </span>
  );
}
