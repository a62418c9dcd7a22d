// The portal from the renderer's side: the adapter over the host's route says what each refusal
// means for the outbox, and the settings form never shows a token, only that one is set and
// whether it survives a restart.
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakePlatform, render, until, type Rendered } from '../components/testSupport';
import { hostPortalAdapter } from './hostPortal';
import { PortalSettings } from './PortalSettings';

let view: Rendered | null = null;
afterEach(async () => {
  await view?.unmount();
  view = null;
});

describe('hostPortalAdapter', () => {
  it('maps the host\'s answers onto the outbox: no portal and no network wait, a refused package is final', async () => {
    const answer = (result: Awaited<ReturnType<Parameters<typeof hostPortalAdapter>[0]['submitToPortal']>>) => hostPortalAdapter({ submitToPortal: async () => result }).submit({ idempotencyKey: 'k-00000001', body: '{}' });
    expect(await answer({ ok: true, value: { kind: 'accepted', submissionId: 's1' } })).toEqual({ kind: 'accepted', submissionId: 's1' });
    expect(await answer({ ok: false, error: 'portal.notConfigured' })).toEqual({ kind: 'retry', error: 'noPortal' });
    expect(await answer({ ok: false, error: 'error.network' })).toEqual({ kind: 'retry', error: 'network' });
    expect(await answer({ ok: false, error: 'error.tooLarge' })).toMatchObject({ kind: 'rejected' });
    expect(await answer({ ok: false, error: 'error.forbidden' })).toEqual({ kind: 'retry', error: 'error.forbidden' });
  });
});

describe('PortalSettings', () => {
  it('sets endpoint and token, clears the token field, and says a CLI host forgets it on restart', async () => {
    const configurePortal = vi.fn(async () => ({ ok: true as const, value: { endpoint: 'https://portal.example/api', hasToken: true, tokenPersists: false } }));
    const platform = fakePlatform({ portalConfig: async () => ({ ok: true, value: { endpoint: '', hasToken: false, tokenPersists: false } }), configurePortal });
    view = await render(<PortalSettings />, { platform, language: 'en' });
    const endpoint = await until(() => view!.container.querySelector<HTMLInputElement>('input[type=url]'));
    const token = view.container.querySelector<HTMLInputElement>('input[type=password]')!;
    const type = async (input: HTMLInputElement, value: string) => act(async () => {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, value);
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await type(endpoint, 'ftp://nope');
    expect(view.container.textContent).toContain('must start with http:// or https://');
    await type(endpoint, 'https://portal.example/api');
    await type(token, 's3cret');
    await act(async () => view!.container.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true })));
    await until(() => view!.container.textContent?.includes('Portal settings saved.'));
    expect(configurePortal).toHaveBeenCalledWith({ endpoint: 'https://portal.example/api', token: 's3cret' });
    expect(token.value).toBe('');
    expect(view.container.innerHTML).not.toContain('s3cret');
    expect(view.container.textContent).toContain('A token is set.');
    expect(view.container.textContent).toContain('enter it again after the host restarts');
  });

  it('says where to set the portal when this machine\'s host refuses (a participant\'s screen)', async () => {
    view = await render(<PortalSettings />, { platform: fakePlatform({ portalConfig: async () => ({ ok: false, error: 'error.forbidden' }) }), language: 'en' });
    await until(() => view!.container.textContent?.includes('set it up on the facilitator'));
    expect(view.container.querySelector('form')).toBeNull();
  });
});
