// Export the board on screen as a `.madang` file; import a `.madang` file as a new session.
// This component only reads and checks the file: a damaged or foreign one shows its error and
// changes nothing; a good one is handed to `onImported`, which makes the new session.
import { useId, useRef, useState } from 'react';
import { BOARD_FILE_EXTENSION, BOARD_FILE_MAX_BYTES, decodeBoardFile, encodeBoardFile, type Board, type BoardFile } from '../../../shared/board';
import { useT } from '../../i18n';
import type { PersistenceMessageKey } from '../../../shared/i18n/persistence';
import './persistence.css';

type State =
  | { kind: 'idle' }
  | { kind: 'reading'; percent: number }
  | { kind: 'checking' }
  | { kind: 'done'; key: PersistenceMessageKey; params: Record<string, string | number> }
  | { kind: 'error'; key: PersistenceMessageKey; params?: Record<string, string | number> };

const MAX_MB = Math.round(BOARD_FILE_MAX_BYTES / (1024 * 1024));

export function BoardFileActions({ board, onImported }: { board: Board; onImported?: (file: BoardFile) => void | Promise<void> }) {
  const pt = useT();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<State>({ kind: 'idle' });
  const busy = state.kind === 'reading' || state.kind === 'checking';

  const exportBoard = () => {
    try {
      const bytes = encodeBoardFile(board);
      const name = boardFileName(board.title());
      downloadBytes(bytes, name);
      setState({ kind: 'done', key: 'file.exported', params: { name } });
    } catch (error) {
      setState({ kind: 'error', key: 'file.exportFailed', params: { detail: error instanceof Error ? error.message : String(error) } });
    }
  };

  const importFile = async (file: File) => {
    if (file.size > BOARD_FILE_MAX_BYTES) {
      setState({ kind: 'error', key: 'file.tooLarge', params: { max: MAX_MB } });
      return;
    }
    setState({ kind: 'reading', percent: 0 });
    let bytes: Uint8Array;
    try {
      bytes = await readFile(file, (percent) => setState({ kind: 'reading', percent }));
    } catch {
      setState({ kind: 'error', key: 'file.readFailed' });
      return;
    }
    setState({ kind: 'checking' });
    await nextFrame(); // let "checking" be drawn before the (synchronous) check of a large file
    const result = decodeBoardFile(bytes);
    if (!result.ok) {
      setState({ kind: 'error', key: result.error, params: { max: MAX_MB } });
      return;
    }
    try {
      await onImported?.(result.file);
    } catch (error) {
      setState({ kind: 'error', key: 'file.importFailed', params: { detail: error instanceof Error ? error.message : String(error) } });
      return;
    }
    setState({ kind: 'done', key: 'file.imported', params: { title: result.file.title || result.file.boardId } });
  };

  const status =
    state.kind === 'reading' ? pt('file.reading', { percent: state.percent }) : state.kind === 'checking' ? pt('file.checking') : state.kind === 'done' ? pt(state.key, state.params) : '';

  return (
    <section className="board-file-actions" aria-label={pt('file.title')}>
      <div className="board-file-buttons">
        <button type="button" onClick={exportBoard} disabled={busy}>
          {pt('file.export')}
        </button>
        <button type="button" onClick={() => input.current?.click()} disabled={busy} aria-describedby={`${id}-status`}>
          {pt('file.import')}
        </button>
        <input
          ref={input}
          id={`${id}-file`}
          type="file"
          accept={BOARD_FILE_EXTENSION}
          aria-label={pt('file.chooseFile')}
          tabIndex={-1}
          hidden
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = ''; // the same file can be chosen again after a fix
            if (file) void importFile(file);
          }}
        />
      </div>
      {state.kind === 'reading' && <progress className="board-file-progress" max={100} value={state.percent} aria-label={pt('file.reading', { percent: state.percent })} />}
      {state.kind === 'checking' && <progress className="board-file-progress" aria-label={pt('file.checking')} />}
      <p id={`${id}-status`} role="status" className="board-file-status">
        {status}
      </p>
      {state.kind === 'error' && (
        <p role="alert" className="error">
          {pt(state.key, state.params)}
        </p>
      )}
    </section>
  );
}

/** `<title>.madang`, safe on Windows, macOS and Linux; 'board.madang' when the title is empty. */
export function boardFileName(title: string): string {
  const base = title
    // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
    .replace(/[\u0000-\u001f\u007f<>:"/\\|?*]+/g, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+|\.+$/g, '')
    .slice(0, 120)
    .trim();
  const reserved = /^(con|prn|aux|nul|com\d|lpt\d)$/i.test(base);
  return `${base && !reserved ? base : 'board'}${BOARD_FILE_EXTENSION}`;
}

function downloadBytes(bytes: Uint8Array, name: string): void {
  const blob = new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the click; the URL can go once the browser has read it.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function readFile(file: File, onProgress: (percent: number) => void): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(Math.floor((event.loaded / event.total) * 100));
    };
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsArrayBuffer(file);
  });
}

/** After the next paint, or soon anyway (a background tab does not paint). */
function nextFrame(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(resolve, 0));
    setTimeout(resolve, 100);
  });
}
