// "Move to…" and "Connect to…": modal dialogs (native <dialog>: focus stays inside, Escape closes)
// with a filter field and a plain list of buttons, so every target is one Tab or arrow key away.
import { useId, useMemo, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useModalDialog } from '../components/useModalDialog';
import { isContainer, isLink, type Board, type ConnectorRecord } from '../../shared/board';
import type { Translate } from './announce';
import { displayText, shortName } from './labels';
import type { TreeSnapshot } from './tree';
import { shorten } from './announce';

const MAX_SHOWN = 50;

export interface PickOption {
  /** A record id, or '' for the top level. */
  key: string;
  label: string;
  current?: boolean;
}

function OutlineDialog({ title, closeLabel, onClose, children, testId }: { title: string; closeLabel: string; onClose: () => void; children: ReactNode; testId: string }) {
  const dialog = useModalDialog(onClose);
  const titleId = useId();
  return (
    <dialog
      {...dialog}
      className="outline-dialog"
      aria-labelledby={titleId}
      data-testid={testId}
    >
      <h2 id={titleId}>{title}</h2>
      {children}
      <div className="outline-dialog-actions">
        <button type="button" onClick={onClose}>
          {closeLabel}
        </button>
      </div>
    </dialog>
  );
}

function OptionList({ options, onPick, t, listLabel }: { options: PickOption[]; onPick: (key: string) => void; t: Translate; listLabel: string }) {
  const [filter, setFilter] = useState('');
  const filterId = useId();
  const listId = useId();
  const needle = filter.trim().toLocaleLowerCase();
  const matches = needle ? options.filter((o) => o.label.toLocaleLowerCase().includes(needle)) : options;
  const shown = matches.slice(0, MAX_SHOWN);

  // Up and Down move between the buttons, as in a menu.
  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp' && event.key !== 'Home' && event.key !== 'End') return;
    const buttons = [...event.currentTarget.querySelectorAll<HTMLButtonElement>('button')];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const next =
      event.key === 'Home' ? 0 : event.key === 'End' ? buttons.length - 1 : event.key === 'ArrowDown' ? Math.min(buttons.length - 1, at + 1) : Math.max(0, at - 1);
    buttons[next]?.focus();
    event.preventDefault();
  };

  return (
    <>
      <label htmlFor={filterId} className="outline-filter-label">
        {t('outline.dialog.filter')}
      </label>
      <input
        id={filterId}
        type="search"
        value={filter}
        onChange={(event) => setFilter(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown') {
            event.preventDefault();
            document.getElementById(listId)?.querySelector<HTMLButtonElement>('button')?.focus();
          }
        }}
        aria-controls={listId}
        autoComplete="off"
      />
      <p className="outline-dialog-list-label" id={`${listId}-label`}>
        {listLabel}
      </p>
      <ul id={listId} className="outline-options" aria-labelledby={`${listId}-label`} onKeyDown={onKeyDown}>
        {shown.map((option) => (
          <li key={option.key || 'top'}>
            <button type="button" aria-current={option.current ? 'location' : undefined} onClick={() => onPick(option.key)}>
              {option.current ? t('outline.move.current', { name: option.label }) : option.label}
            </button>
          </li>
        ))}
      </ul>
      {shown.length === 0 && <p className="hint">{t('outline.dialog.noMatch')}</p>}
      {matches.length > shown.length && (
        <p className="hint" role="status">
          {t('outline.dialog.more', { shown: shown.length, total: matches.length })}
        </p>
      )}
    </>
  );
}

/** Frames and clusters in outline order; clusters only when every moving item is a note. */
export function moveOptions(board: Board, snapshot: TreeSnapshot, ids: readonly string[], t: Translate): PickOption[] {
  const notesOnly = ids.every((id) => board.get(id)?.type === 'note');
  const parents = new Set(ids.map((id) => snapshot.parent.get(id) ?? null));
  const current = (key: string | null) => parents.size === 1 && parents.has(key);
  const options: PickOption[] = [{ key: '', label: t('outline.move.topLevel'), current: current(null) }];
  const visit = (parentId: string | null) => {
    for (const id of snapshot.children.get(parentId) ?? []) {
      const record = board.get(id);
      if (!record || ids.includes(id)) continue;
      if (record.type === 'frame') {
        options.push({ key: id, label: t('outline.move.frame', { title: shorten(displayText(record, t), 60) }), current: current(id) });
        visit(id);
      } else if (record.type === 'cluster' && notesOnly) {
        const frame = record.frameId ? board.get(record.frameId) : undefined;
        const label = shorten(displayText(record, t), 60);
        options.push({
          key: id,
          label: frame ? t('outline.move.clusterInFrame', { label, frame: shorten(displayText(frame, t), 40) }) : t('outline.move.cluster', { label }),
          current: current(id),
        });
      }
    }
  };
  visit(null);
  return options;
}

export function MoveDialog(props: {
  board: Board;
  snapshot: TreeSnapshot;
  ids: readonly string[];
  subject: string;
  t: Translate;
  onMove: (containerId: string | null) => void;
  onClose: () => void;
}) {
  const { board, snapshot, ids, subject, t, onMove, onClose } = props;
  const options = useMemo(() => moveOptions(board, snapshot, ids, t), [board, snapshot, ids, t]);
  return (
    <OutlineDialog title={t('outline.move.title', { name: subject })} closeLabel={t('outline.dialog.cancel')} onClose={onClose} testId="outline-move-dialog">
      <OptionList
        options={options}
        t={t}
        listLabel={t('outline.move.targets')}
        onPick={(key) => {
          const option = options.find((o) => o.key === key);
          if (option?.current) onClose();
          else onMove(key || null);
        }}
      />
    </OutlineDialog>
  );
}

/** Everything in the outline except the item itself, in outline order. */
export function connectOptions(board: Board, snapshot: TreeSnapshot, from: string, t: Translate): PickOption[] {
  const options: PickOption[] = [];
  const visit = (parentId: string | null) => {
    for (const id of snapshot.children.get(parentId) ?? []) {
      const record = board.get(id);
      if (!record) continue;
      if (id !== from) options.push({ key: id, label: shortName(record, t) });
      if (isContainer(record)) visit(id);
    }
  };
  visit(null);
  return options;
}

export function ConnectDialog(props: {
  board: Board;
  snapshot: TreeSnapshot;
  from: string;
  subject: string;
  t: Translate;
  readOnly: boolean;
  onConnect: (to: string, label: string) => void;
  onDisconnect: (connectorId: string) => void;
  onClose: () => void;
}) {
  const { board, snapshot, from, subject, t, readOnly, onConnect, onDisconnect, onClose } = props;
  const [label, setLabel] = useState('');
  const labelId = useId();
  const options = useMemo(() => connectOptions(board, snapshot, from, t), [board, snapshot, from, t]);
  // snapshot changes whenever a connector is added or removed, so this list stays current
  const existing = useMemo(
    () => board.all().filter((r): r is ConnectorRecord => isLink(r) && (r.from === from || r.to === from)),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [board, from, snapshot],
  );
  const other = (c: ConnectorRecord) => {
    const record = board.get(c.from === from ? c.to : c.from);
    const name = record ? shortName(record, t) : '?';
    const arrow = c.from === from ? t('outline.connect.outgoing', { name }) : t('outline.connect.incoming', { name });
    return c.label ? `${arrow} (${shorten(c.label, 40)})` : arrow;
  };
  return (
    <OutlineDialog title={t('outline.connect.title', { name: subject })} closeLabel={t('outline.dialog.cancel')} onClose={onClose} testId="outline-connect-dialog">
      <h3>{t('outline.connect.existing')}</h3>
      {existing.length === 0 ? (
        <p className="hint">{t('outline.connect.none')}</p>
      ) : (
        <ul className="outline-connections">
          {existing.map((c) => (
            <li key={c.id}>
              <span>{other(c)}</span>{' '}
              <button type="button" disabled={readOnly} aria-label={`${t('outline.connect.remove')}: ${other(c)}`} onClick={() => onDisconnect(c.id)}>
                {t('outline.connect.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {!readOnly && (
        <>
          <h3>{t('outline.connect.targets')}</h3>
          <label htmlFor={labelId} className="outline-filter-label">
            {t('outline.connect.label')}
          </label>
          <input id={labelId} type="text" value={label} onChange={(event) => setLabel(event.target.value)} autoComplete="off" />
          <OptionList options={options} t={t} listLabel={t('outline.connect.targets')} onPick={(key) => onConnect(key, label)} />
        </>
      )}
    </OutlineDialog>
  );
}
