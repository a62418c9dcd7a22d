// The reference portal receiver (main/host/portal/receiver.ts) as a command:
//   node scripts/portal-reference.mjs --port 4790 --data ./portal-data [--token T] [--delay-ms N] [--fail-first N] [--bind 127.0.0.1]
// Prints one JSON line {"event":"listening","url":…} once listening; stops on SIGINT/SIGTERM.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { importTs } from './lib/import-ts.mjs';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4790' },
    data: { type: 'string' },
    token: { type: 'string' },
    'delay-ms': { type: 'string' },
    'fail-first': { type: 'string' },
    bind: { type: 'string', default: '127.0.0.1' },
  },
});
if (!values.data) {
  process.stderr.write('usage: portal-reference --port <p> --data <dir> [--token T] [--delay-ms N] [--fail-first N]\n');
  process.exit(2);
}
const { startReceiver } = await importTs('main/host/portal/receiver.ts');
const receiver = await startReceiver({
  port: Number(values.port),
  dataDir: resolve(values.data),
  host: values.bind,
  token: values.token,
  delayMs: values['delay-ms'] ? Number(values['delay-ms']) : undefined,
  failFirst: values['fail-first'] ? Number(values['fail-first']) : undefined,
});
process.stdout.write(`${JSON.stringify({ event: 'listening', url: receiver.url })}\n`);
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => void receiver.close().then(() => process.exit(0)));
