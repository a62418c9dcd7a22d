import type { MadangBridge } from '../../shared/ipc/contract';
import { createElectronPlatform } from './electronPlatform';
import type { Platform } from './platform';
import { createWebPlatform } from './webPlatform';

export type { DiscoveredHost, Platform, PlatformError, Result } from './platform';

declare global {
  interface Window {
    /** Present only inside Electron, exposed by main/preload. */
    madangBridge?: MadangBridge;
  }
}

/** Chosen once at start-up. */
export async function detectPlatform(): Promise<Platform> {
  const bridge = window.madangBridge;
  if (bridge) {
    const app = await bridge.appInfo();
    if (app.ok) return createElectronPlatform(bridge, app.value);
  }
  return createWebPlatform(window.location, window.navigator);
}
