// Structured logging for the host: one JSON object per line, to stderr by default so the
// CLI's stdout stays machine-readable. Tests inject a memory logger and read the entries.
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

/** A logger that writes JSON lines; it never throws, whatever the fields hold. */
export function createLogger(write: (line: string) => void = (line) => process.stderr.write(line)): Logger {
  const emit = (level: LogLevel, event: string, fields?: LogFields) => {
    let line: string;
    try {
      line = JSON.stringify(entry(level, event, fields));
    } catch {
      line = JSON.stringify({ time: new Date().toISOString(), level, event, note: 'fields not serialisable' });
    }
    try {
      write(`${line}\n`);
    } catch {
      // A closed stderr must not take the host down.
    }
  };
  return {
    info: (event, fields) => emit('info', event, fields),
    warn: (event, fields) => emit('warn', event, fields),
    error: (event, fields) => emit('error', event, fields),
  };
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
