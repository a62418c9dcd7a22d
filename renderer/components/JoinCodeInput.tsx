import type { Ref } from 'react';

/** The six-character join code as people type it off a projector: no autocorrect, any case. */
export function JoinCodeInput({ id, value, onChange, invalid, describedBy, inputRef }: { id: string; value: string; onChange: (value: string) => void; invalid: boolean; describedBy?: string; inputRef?: Ref<HTMLInputElement> }) {
  return (
    <input
      ref={inputRef}
      id={id}
      value={value}
      autoCapitalize="characters"
      autoComplete="off"
      spellCheck={false}
      maxLength={16}
      className="code-input"
      aria-invalid={invalid ? true : undefined}
      aria-describedby={describedBy}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}
