import 'fake-indexeddb/auto';
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MadangDatabase } from '../db/database';
import type { DiscoveredHost, Platform } from '../platform';
import type { AppServices } from '../app/context';
import { click, fakePlatform, render, until, type Rendered } from '../components/testSupport';
import { HomeScreen } from './HomeScreen';

const hosts: DiscoveredHost[] = [
  { address: '192.168.0.10', port: 4780, name: '강의실 노트북', rooms: 2 },
  { address: '192.168.0.23', port: 51000, name: 'spare-laptop', rooms: 1 },
];

let view: Rendered | null = null;
let db: MadangDatabase | null = null;
afterEach(async () => {
  await view?.unmount();
  view = null;
  db?.close();
  await db?.delete();
  db = null;
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

async function open(platform: Partial<Platform>, language: 'ko' | 'en' = 'ko', navigate: AppServices['navigate'] = () => {}) {
  db = new MadangDatabase(`home-screen-${Math.random()}`);
  view = await render(<HomeScreen onShown={() => {}} />, { platform: fakePlatform(platform), db, language, navigate });
  return view;
}

const FIND = '이 네트워크의 워크숍 찾기';
const status = () => view!.container.querySelector<HTMLElement>('section [role="status"]')!.textContent;

async function typeInto(input: HTMLInputElement, value: string) {
  await act(async () => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

describe('HomeScreen: finding workshops on the LAN', () => {
  it('offers no search where the platform cannot discover (a browser)', async () => {
    const discoverHosts = vi.fn();
    await open({ canDiscover: false, discoverHosts });
    await until(() => view!.buttons('참여하기').length);
    expect(view!.buttons(FIND)).toHaveLength(0);
    expect(view!.container.textContent).not.toContain('이 네트워크의 워크숍');
    expect(discoverHosts).not.toHaveBeenCalled();
  });

  it('lists the hosts found as buttons with name, address and open rooms', async () => {
    let answer!: (value: { ok: true; value: DiscoveredHost[] }) => void;
    const discoverHosts = vi.fn(() => new Promise<{ ok: true; value: DiscoveredHost[] }>((resolve) => (answer = resolve)));
    await open({ canDiscover: true, discoverHosts });
    const find = view!.buttons(FIND)[0]!;
    await click(find);
    expect(discoverHosts).toHaveBeenCalledOnce();
    expect(find.disabled).toBe(true);
    expect(status()).toBe('찾는 중…');

    await act(async () => answer({ ok: true, value: hosts }));
    expect(find.disabled).toBe(false);
    expect(status()).toBe('워크숍 2곳을 찾았습니다. 참여할 곳을 고르세요.');
    expect(view!.buttons('강의실 노트북 (192.168.0.10) · 열린 방 2개')).toHaveLength(1);
    expect(view!.buttons('spare-laptop (192.168.0.23) · 열린 방 1개')).toHaveLength(1);
  });

  it('says so, translated, when nothing is found', async () => {
    await open({ canDiscover: true, discoverHosts: async () => ({ ok: true, value: [] }) });
    await click(view!.buttons(FIND)[0]!);
    await until(() => status());
    expect(status()).toBe(
      '이 네트워크에서 열린 워크숍을 찾지 못했습니다. 진행자 컴퓨터와 같은 와이파이에 연결되어 있는지, 진행자가 방을 열었는지 확인해 주세요. 진행자에게 받은 참여 주소를 브라우저에서 열어도 됩니다.',
    );
    await view!.unmount();

    await open({ canDiscover: true, discoverHosts: async () => ({ ok: true, value: [] }) }, 'en');
    await click(view!.buttons('Find workshops on this network')[0]!);
    await until(() => status());
    expect(status()).toMatch(/^No open workshop found on this network\./);
  });

  it('shows a failed search as a translated error', async () => {
    await open({ canDiscover: true, discoverHosts: async () => ({ ok: false, error: 'error.internal' }) });
    await click(view!.buttons(FIND)[0]!);
    const alert = await until(() => view!.container.querySelector('[role="alert"]'));
    expect(alert.textContent).toBe('예기치 못한 오류가 발생했습니다. 다시 시도해 주세요.');
  });

  it('picking a host asks for the code and joins that host\'s room in the app', async () => {
    const navigate = vi.fn();
    await open({ canDiscover: true, discoverHosts: async () => ({ ok: true, value: hosts }) }, 'ko', navigate);
    await click(view!.buttons(FIND)[0]!);
    const pick = await until(() => view!.buttons('spare-laptop (192.168.0.23) · 열린 방 1개')[0]);
    await click(pick);
    expect(pick.getAttribute('aria-pressed')).toBe('true');
    expect(view!.container.querySelector('h3')!.textContent).toBe('spare-laptop의 워크숍에 참여하기');
    expect(view!.container.querySelector('[data-testid="discovery-address"]')!.textContent).toBe('http://192.168.0.23:51000/');
    const code = document.activeElement as HTMLInputElement;
    expect(code.className).toBe('code-input');

    // A malformed code is refused here, before anything is asked of the host.
    const submit = () => view!.container.querySelector<HTMLButtonElement>('[role="group"] button[type="submit"]')!;
    await typeInto(code, '12');
    await click(submit());
    expect(view!.container.querySelector('[role="alert"]')!.textContent).toBe('참여 코드가 맞지 않거나 만료되었습니다. 진행자에게 코드를 다시 확인해 주세요.');
    expect(navigate).not.toHaveBeenCalled();

    await typeInto(code, 'abc-def');
    await click(submit());
    expect(navigate).toHaveBeenCalledExactlyOnceWith({ name: 'join', code: 'ABCDEF', host: '192.168.0.23:51000' });
  });

  it('copies the chosen host’s address (without any code)', async () => {
    const writeText = vi.fn(async () => {});
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    await open({ canDiscover: true, discoverHosts: async () => ({ ok: true, value: hosts }) });
    await click(view!.buttons(FIND)[0]!);
    await click(await until(() => view!.buttons('강의실 노트북 (192.168.0.10) · 열린 방 2개')[0]));
    await click(view!.buttons('주소 복사')[0]!);
    expect(writeText).toHaveBeenCalledWith('http://192.168.0.10:4780/');
    await until(() => view!.container.textContent?.includes('주소를 복사했습니다.'));
  });
});
