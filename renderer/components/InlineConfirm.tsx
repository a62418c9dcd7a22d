import { useEffect, useId, useRef, type KeyboardEvent } from 'react';

/**
 * The second step of a destructive action, in place rather than a window.confirm: the question,
 * then confirm and cancel. Focus starts on cancel (the harmless choice); Escape cancels.
 */
export function InlineConfirm(props: {
  question: string;
  confirmLabel: string;
  busyLabel: string;
  cancelLabel: string;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  testId?: string;
}) {
  const { question, confirmLabel, busyLabel, cancelLabel, busy, onConfirm, onCancel, testId } = props;
  const questionId = useId();
  const cancelRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    cancelRef.current?.focus();
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    if (!busy) onCancel();
  };

  // aria-disabled, not disabled, while busy: a disabled button drops the keyboard focus.
  return (
    <div role="group" aria-labelledby={questionId} className="inline-confirm" data-testid={testId} onKeyDown={onKeyDown}>
      <p id={questionId}>{question}</p>
      <div className="inline-confirm-actions">
        <button type="button" className="danger" aria-disabled={busy || undefined} onClick={() => !busy && onConfirm()}>
          {busy ? busyLabel : confirmLabel}
        </button>
        <button ref={cancelRef} type="button" aria-disabled={busy || undefined} onClick={() => !busy && onCancel()}>
          {cancelLabel}
        </button>
      </div>
    </div>
  );
}
