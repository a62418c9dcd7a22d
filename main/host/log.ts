// Structured logging for the host: one JSON object per line, to stderr by default so the
// CLI's stdout stays machine-readable. Tests inject a memory logger and read the entries.
import { format } from 'node:util';
export type LogLevel = 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;
export type LogEntry = LogFields & { time: string; level: LogLevel; event: string };

export interface Logger {
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

function errorToJson(value: unknown): unknown {
  if (!(value instanceof Error)) return value;
  const code = (value as NodeJS.ErrnoException).code;
  return { name: value.name, message: value.message, ...(code ? { code } : {}), stack: value.stack };
}

function entry(level: LogLevel, event: string, fields: LogFields | undefined): LogEntry {
  const out: LogEntry = { time: new Date().toISOString(), level, event };
  for (const [key, value] of Object.entries(fields ?? {})) out[key] = errorToJson(value);
  return out;
}

/**
 * A logger that writes one line per entry as `format` makes it (null: nothing); it never throws,
 * and a closed stream must not take the host down.
 */
export function lineLogger(format: (level: LogLevel, event: string, fields: LogFields | undefined) => string | null, write: (line: string) => void): Logger {
  const emit = (level: LogLevel, event: string, fields?: LogFields) => {
    const line = format(level, event, fields);
    if (line === null) return;
    try {
      write(`${line}\n`);
    } catch {
      // nowhere left to say it
    }
  };
  return {
    info: (event, fields) => emit('info', event, fields),
    warn: (event, fields) => emit('warn', event, fields),
    error: (event, fields) => emit('error', event, fields),
  };
}

/**
 * Writes to a standard stream until it breaks (its reader went away: EPIPE), then drops the text.
 * Unheard, the stream's error became an uncaught exception, whose log line broke again: a host
 * whose log pipe closed spun at a full core, forever.
 */
export function streamWriter(stream: NodeJS.WriteStream): (text: string) => void {
  let broken = false;
  stream.on('error', () => (broken = true));
  return (text) => {
    if (!broken) stream.write(text);
  };
}

let stderrWriter: ((text: string) => void) | null = null;
const writeStderr = (text: string) => (stderrWriter ??= streamWriter(process.stderr))(text);

/** A logger that writes JSON lines; it never throws, whatever the fields hold. */
export function createLogger(write: (line: string) => void = writeStderr): Logger {
  return lineLogger((level, event, fields) => {
    try {
      return JSON.stringify(entry(level, event, fields));
    } catch {
      return JSON.stringify({ time: new Date().toISOString(), level, event, note: 'fields not serialisable' });
    }
  }, write);
}

export type MemoryLogger = Logger & { entries: LogEntry[] };

/** Keeps entries in memory, for tests. */
export function createMemoryLogger(): MemoryLogger {
  const entries: LogEntry[] = [];
  return {
    entries,
    info: (event, fields) => entries.push(entry('info', event, fields)),
    warn: (event, fields) => entries.push(entry('warn', event, fields)),
    error: (event, fields) => entries.push(entry('error', event, fields)),
  };
}

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };

type ConsoleLike = Pick<Console, 'log' | 'info' | 'warn' | 'error' | 'debug'>;
type ProcessLike = Pick<NodeJS.Process, 'on' | 'off' | 'listeners' | 'removeListener'>;

/**
 * Makes everything the host process prints a log line: what libraries write with console.*
 * (y-protocols, simple-peer and Yjs print errors with stacks over many lines), process
 * warnings, and errors nothing caught. A stack stays inside its entry's JSON, escaped, so the
 * log is one JSON object per line whatever happens. Returns a function that undoes it.
 */
export function captureProcessOutput(log: Logger, target: ProcessLike = process, out: ConsoleLike = console): () => void {
  const saved = { log: out.log, info: out.info, warn: out.warn, error: out.error, debug: out.debug };
  const line = (level: LogLevel) => (...args: unknown[]) => {
    const error = args.find((arg): arg is Error => arg instanceof Error);
    log[level]('console', { message: format(...args.filter((arg) => arg !== error)), ...(error ? { error } : {}) });
  };
  out.log = out.info = out.debug = line('info');
  out.warn = line('warn');
  out.error = line('error');
  // Node's own printer writes a warning over several lines; ours replaces it.
  const printers = target.listeners('warning') as Array<(warning: Error) => void>;
  for (const printer of printers) target.removeListener('warning', printer);
  const onWarning = (warning: Error) => log.warn('process.warning', { error: warning });
  const onRejection = (reason: unknown) => log.error('process.unhandledRejection', { error: reason });
  // A hostile participant must not stop the workshop: logged, and the host goes on.
  const onException = (error: Error) => log.error('process.uncaughtException', { error });
  target.on('warning', onWarning);
  target.on('unhandledRejection', onRejection);
  target.on('uncaughtException', onException);
  return () => {
    Object.assign(out, saved);
    target.off('warning', onWarning);
    target.off('unhandledRejection', onRejection);
    target.off('uncaughtException', onException);
    for (const printer of printers) target.on('warning', printer);
  };
}
