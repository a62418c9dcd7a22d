// Version history of one board: save the current state as a version, browse versions newest
// first, restore one after a confirmation. A restore is an ordinary local change (undoable, sent
// to every peer); the state it replaces is saved first as a 'before-restore' version. In a room
// only the facilitator restores, and from the host's versions (HostHistoryPanel): a participant's
// panel keeps its own versions but offers no restore, which would change everyone's board.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Board } from '../../../shared/board';
import { useLiveQuery } from '../../db/useLiveQuery';
import { RestoreError, type BoardPersistence, type SnapshotInfo } from './boardPersistence';
import { useT, type Translate } from '../../i18n';
import './persistence.css';

export const SNAPSHOT_LABEL_MAX = 200;

type Status = { kind: 'idle' } | { kind: 'busy'; message: string } | { kind: 'done'; message: string } | { kind: 'error'; message: string };

export function HistoryPanel({ persistence, board, canRestore = true }: { persistence: BoardPersistence; board: Board; canRestore?: boolean }) {
  const pt = useT();
  const { i18n } = useTranslation();
  const id = useId();
  const versions = useLiveQuery(() => persistence.listSnapshots(), [persistence]);
  const [label, setLabel] = useState('');
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const [confirming, setConfirming] = useState<SnapshotInfo | null>(null);
  const restoreButtons = useRef(new Map<number, HTMLButtonElement>());
  const busy = status.kind === 'busy';
  const readOnly = board.readOnly;

  const formatDate = (time: number) =>
    new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(time));
  // A 'before-restore' version stores the label of the version then restored: named after it, it
  // would read exactly like that version.
  const nameOf = (version: SnapshotInfo) => {
    const name = version.label || pt('history.untitled');
    return version.kind === 'before-restore' ? pt('history.beforeRestoreName', { name }) : name;
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setStatus({ kind: 'busy', message: pt('history.saving') });
    try {
      await persistence.takeSnapshot(label.slice(0, SNAPSHOT_LABEL_MAX), 'manual');
      setLabel('');
      setStatus({ kind: 'done', message: pt('history.saved') });
    } catch (error) {
      setStatus({ kind: 'error', message: pt('storage.snapshotFailed', { detail: detailOf(error) }) });
    }
  };

  const closeDialog = (version: SnapshotInfo | null) => {
    setConfirming(null);
    // Focus goes back to the button that opened the dialog.
    if (version) restoreButtons.current.get(version.id)?.focus();
  };

  const restore = async (version: SnapshotInfo) => {
    closeDialog(version);
    setStatus({ kind: 'busy', message: pt('history.restoring') });
    try {
      await persistence.restoreSnapshot(version.id);
      setStatus({ kind: 'done', message: pt('history.restored', { date: formatDate(version.createdAt) }) });
    } catch (error) {
      setStatus({ kind: 'error', message: restoreMessage(pt, error) });
    }
  };

  return (
    <section className="history-panel card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{pt('history.title')}</h2>
      <form className="inline-form" onSubmit={(event) => void save(event)}>
        <label htmlFor={`${id}-label`}>{pt('history.labelField')}</label>
        <input
          id={`${id}-label`}
          value={label}
          maxLength={SNAPSHOT_LABEL_MAX}
          placeholder={pt('history.labelPlaceholder')}
          onChange={(event) => setLabel(event.target.value)}
        />
        <button type="submit" disabled={busy}>
          {pt('history.save')}
        </button>
      </form>
      <p role="status" className="history-status">
        {status.kind === 'busy' || status.kind === 'done' ? status.message : ''}
      </p>
      {status.kind === 'error' && (
        <p role="alert" className="error">
          {status.message}
        </p>
      )}
      {!canRestore && <p className="hint">{pt('history.participantNote')}</p>}
      {canRestore && readOnly && <p className="hint">{pt('history.readOnly')}</p>}
      {versions.error && (
        <p role="alert" className="error">
          {pt('storage.loadFailed', { detail: versions.error.message })}
        </p>
      )}
      {!versions.loaded && <p className="hint">{pt('history.loading')}</p>}
      {versions.loaded && versions.value?.length === 0 && <p className="empty">{pt('history.empty')}</p>}
      {versions.value && versions.value.length > 0 && (
        <ol className="history-list" aria-labelledby={`${id}-heading`}>
          {versions.value.map((version) => (
            <li key={version.id} className="history-item">
              <span className="history-name">{nameOf(version)}</span>
              <span className="history-meta">
                <time dateTime={new Date(version.createdAt).toISOString()}>{formatDate(version.createdAt)}</time>
                {' · '}
                {pt(`history.kind.${version.kind}`)}
              </span>
              {canRestore && (
                <button
                  type="button"
                  ref={(element) => {
                    if (element) restoreButtons.current.set(version.id, element);
                    else restoreButtons.current.delete(version.id);
                  }}
                  disabled={busy || readOnly}
                  aria-label={pt('history.restoreItem', { name: nameOf(version), date: formatDate(version.createdAt) })}
                  onClick={() => setConfirming(version)}
                >
                  {pt('history.restore')}
                </button>
              )}
            </li>
          ))}
        </ol>
      )}
      {confirming && (
        <ConfirmDialog
          title={pt('history.confirmTitle')}
          body={pt('history.confirmBody', { name: nameOf(confirming), date: formatDate(confirming.createdAt) })}
          confirmLabel={pt('history.confirm')}
          cancelLabel={pt('history.cancel')}
          onConfirm={() => void restore(confirming)}
          onCancel={() => closeDialog(confirming)}
        />
      )}
    </section>
  );
}

/** A modal confirmation on the native <dialog> (focus trap, Escape, inert background). */
export function ConfirmDialog(props: { title: string; body: string; confirmLabel: string; cancelLabel: string; onConfirm(): void; onCancel(): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const id = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (!dialog.open) {
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else dialog.setAttribute('open', '');
    }
    // The safe choice has focus first: Enter on a stray keypress cancels, it does not restore.
    cancelRef.current?.focus();
    return () => {
      if (dialog.open && typeof dialog.close === 'function') dialog.close();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      onCancel={(event) => {
        event.preventDefault(); // Escape: we close it ourselves, so React state stays the truth
        props.onCancel();
      }}
    >
      <h2 id={`${id}-title`}>{props.title}</h2>
      <p id={`${id}-body`}>{props.body}</p>
      <div className="dialog-actions">
        <button type="button" ref={cancelRef} onClick={props.onCancel}>
          {props.cancelLabel}
        </button>
        <button type="button" className="primary" onClick={props.onConfirm}>
          {props.confirmLabel}
        </button>
      </div>
    </dialog>
  );
}

function restoreMessage(pt: Translate, error: unknown): string {
  if (error instanceof RestoreError) {
    if (error.key === 'storage.snapshotFailed') return pt('history.restoreFailed', { detail: detailOf(error.cause) });
    return pt(error.key);
  }
  return pt('history.restoreFailed', { detail: detailOf(error) });
}

function detailOf(error: unknown): string {
  return error instanceof Error ? error.message || error.name : String(error);
}
