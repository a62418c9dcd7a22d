// Composition root of the Electron main process: the one place that wires the modules
// together. Each module is small and tested on its own; keep this file to wiring.
import { hostname } from 'node:os';
import { join } from 'node:path';
import { app, dialog, ipcMain, safeStorage, type BrowserWindow } from 'electron';
import { DISCOVERY_PORT, discoveryName } from '../../shared/room/discovery';
import { contentSecurityPolicy } from '../../shared/security/csp';
import { discoverHosts } from '../host/discoveryQuery';
import { createLogger } from '../host/log';
import { createHost, type Host } from '../host/server';
import { loadWrtc } from '../host/hub/wrtc';
import { APP_ORIGIN } from './appOrigin';
import { createIpcHandlers } from './handlers';
import { hostOrigins, startHost } from './inProcessHost';
import { registerIpcHandlers } from './ipc';
import { installQuitHandlers } from './lifecycle';
import { handleAppProtocol, registerAppScheme } from './protocol';
import { installSecurityGuards } from './security';
import { appPaths, parseFlags } from './startup';
import { IdentityVault } from './identities';
import { safeStorageBox } from './secrets';
import { createWindow } from './window';

const log = createLogger();
const flags = parseFlags(process.argv.slice(1), process.env);
// __dirname is out/main once bundled (scripts/build.mjs).
const paths = appPaths(__dirname);

let host: Host | undefined;
let mainWindow: BrowserWindow | undefined;

async function onReady(): Promise<void> {
  installSecurityGuards(log);
  // The portal token and the roster's real names are sealed with the OS's key store (safeStorage).
  if (!flags.syncServer.ok) throw new Error(`MADANG_SYNC_SERVER ${flags.syncServer.error}`);
  const syncServer = flags.syncServer.server;
  const secrets = await safeStorageBox(safeStorage, process.platform, log);
  host = await startHost(
    createHost,
    {
      dataDir: join(app.getPath('userData'), 'host'),
      staticDir: paths.rendererDir,
      version: app.getVersion(),
      trustedOrigins: [APP_ORIGIN],
      log,
      wrtc: await loadWrtc(log),
      secrets,
      // Other Madang apps on the LAN can find this host while it has a room open (never its codes).
      discovery: { port: DISCOVERY_PORT, name: discoveryName(hostname()) },
      ...(syncServer ? { syncServer } : {}),
    },
    log,
  );
  const origins = hostOrigins(host.url);
  handleAppProtocol(paths.rendererDir, contentSecurityPolicy([origins.http, origins.ws, ...(syncServer ? [syncServer.url] : [])]), log);
  const appInfo = () => ({ version: app.getVersion(), locale: app.getLocale(), automation: flags.automation });
  registerIpcHandlers(ipcMain, createIpcHandlers({ host, appInfo, discoverHosts: () => discoverHosts(), identities: new IdentityVault(join(app.getPath('userData'), 'identities'), secrets) }), log);
  mainWindow = createWindow({ preloadPath: paths.preloadPath, log });
  mainWindow.on('closed', () => (mainWindow = undefined));
  log.info('app.ready', { host: host.url, automation: flags.automation });
}

function failToStart(error: unknown): void {
  log.error('app.startFailed', { error });
  const detail = error instanceof Error ? error.message : String(error);
  dialog.showErrorBox('Madang', `마당을 시작하지 못했습니다.\nMadang could not start.\n\n${detail}`);
  app.exit(1);
}

// Before ready: the user-data folder decides the single-instance lock, so it comes first.
if (flags.userDataDir) app.setPath('userData', flags.userDataDir);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerAppScheme();
  app.enableSandbox();
  installQuitHandlers(
    app,
    async () => {
      const running = host;
      host = undefined;
      await running?.close();
    },
    log,
  );
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.whenReady().then(onReady).catch(failToStart);
}
