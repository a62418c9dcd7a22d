// `npm start`: build if needed, then launch Electron. Electron 45 fetches its binary on first
// use; where that is impossible (no internet), say so in one line and serve the same app
// through the workshop host instead. The host then opens no room of its own: the facilitator
// opens the printed URL in a browser on this computer, and the join code and QR code of the
// room they open there are printed too, so what the terminal shows is what their screen shows.
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { buildAll, isBuildFresh } from './build.mjs';
import { findElectronBinary } from './electron-binary.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);

if (!isBuildFresh()) await buildAll({ quiet: true });

let electron = findElectronBinary();
if (!electron) {
  // First run on an online machine: fetch the binary (quietly; bounded).
  spawnSync(process.execPath, [`${root}node_modules/electron/install.js`], { cwd: root, stdio: 'ignore', timeout: 300_000 });
  electron = findElectronBinary();
}

const child = electron
  ? spawn(electron, ['.', ...args], { cwd: root, stdio: 'inherit' })
  : (console.log('Electron is not installed here (its binary could not be downloaded); serving Madang through the workshop host instead — open the URL below in a browser.'),
    spawn(process.execPath, [`${root}out/host/cli.mjs`, '--no-default-room', ...args], { cwd: root, stdio: 'inherit' }));

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
