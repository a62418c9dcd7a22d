// Test helpers for components that use the app's services (no testing library is installed):
// mount inside AppContext and i18next with react-dom/client + act, and a fake platform.
import { act, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import i18next from 'i18next';
import { messages } from '../../shared/i18n';
import { AppContext, type AppServices } from '../app/context';
import { AutomationSource } from '../automation';
import type { MadangDatabase } from '../db/database';
import type { Platform, Result } from '../platform';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const unused = async (): Promise<Result<never>> => ({ ok: false, error: 'error.internal' });

/** A web platform whose every call fails unless the test gives it an implementation. */
export function fakePlatform(overrides: Partial<Platform> = {}): Platform {
  return {
    kind: 'web',
    automation: false,
    locales: ['ko-KR'],
    hostOrigin: async () => ({ ok: true, value: 'http://127.0.0.1:4780' }),
    hostInfo: unused,
    openRoom: unused,
    join: unused,
    closeRoom: unused,
    renewJoinCode: unused,
    removeParticipant: unused,
    hostVersions: unused,
    saveHostVersion: unused,
    restoreHostVersion: unused,
    hostStorage: unused,
    portalConfig: unused,
    configurePortal: unused,
    submitToPortal: unused,
    canDiscover: false,
    discoverHosts: async () => ({ ok: true, value: [] }),
    ...overrides,
  };
}

export interface Rendered {
  container: HTMLElement;
  rerender(ui: ReactNode): Promise<void>;
  unmount(): Promise<void>;
  /** Buttons whose visible text is exactly `text`. */
  buttons(text: string): HTMLButtonElement[];
}

export async function render(
  ui: ReactNode,
  options: { platform?: Platform; db?: MadangDatabase; navigate?: AppServices['navigate']; language?: 'ko' | 'en' } = {},
): Promise<Rendered> {
  const i18n = i18next.createInstance();
  await i18n.init({
    lng: options.language ?? 'ko',
    fallbackLng: 'ko',
    keySeparator: false,
    interpolation: { escapeValue: false },
    resources: { ko: { translation: messages.ko }, en: { translation: messages.en } },
  });
  const services: AppServices = {
    platform: options.platform ?? fakePlatform(),
    db: options.db ?? ({} as MadangDatabase),
    automation: new AutomationSource(),
    navigate: options.navigate ?? (() => {}),
  };
  const container = document.createElement('div');
  document.body.append(container);
  let root: Root | null = null;
  const wrap = (node: ReactNode) => (
    <I18nextProvider i18n={i18n}>
      <AppContext.Provider value={services}>{node}</AppContext.Provider>
    </I18nextProvider>
  );
  await act(async () => {
    root = createRoot(container);
    root.render(wrap(ui));
  });
  return {
    container,
    rerender: async (next) => {
      await act(async () => root?.render(wrap(next)));
    },
    unmount: async () => {
      await act(async () => root?.unmount());
      container.remove();
    },
    buttons: (text) => [...container.querySelectorAll('button')].filter((b) => b.textContent === text),
  };
}

/** Waits for the DOM to show something (promises and liveQuery answer asynchronously). */
export async function until<T>(find: () => T | null | undefined | false): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const found = find();
    if (found) return found;
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
    });
  }
  throw new Error('not shown');
}

export async function click(element: Element): Promise<void> {
  await act(async () => {
    (element as HTMLElement).click();
  });
}

/** A key pressed on the element (keydown, as the browser sends it to the focused element). */
export async function keyDown(element: Element, key: string): Promise<void> {
  await act(async () => {
    element.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
  });
}
