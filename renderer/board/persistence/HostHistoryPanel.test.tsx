import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HostVersion } from '../../../shared/room/api';
import { click, fakePlatform, render, until, type Rendered } from '../../components/testSupport';
import { HostHistoryPanel } from './HostHistoryPanel';
import { HostStorageNotice } from '../../components/HostStorageNotice';

let view: Rendered | null = null;
afterEach(async () => {
  await view?.unmount();
  view = null;
});

const manual: HostVersion = { id: '1000-manual', createdAt: Date.UTC(2026, 11, 5, 8, 0, 0), reason: 'manual', records: 2, notes: 2, bytes: 300 };
const before: HostVersion = { id: '2000-before-restore', createdAt: Date.UTC(2026, 11, 5, 8, 5, 0), reason: 'before-restore', records: 5, notes: 5, bytes: 500, restoredFrom: manual.createdAt };

describe('HostHistoryPanel (the facilitator, in a room)', () => {
  it('lists the host’s versions, and restores one for everyone after a confirmation', async () => {
    const restoreHostVersion = vi.fn(async () => ({ ok: true as const, value: { restored: manual, saved: before } }));
    let versions = [manual];
    const platform = fakePlatform({ hostVersions: async () => ({ ok: true, value: { versions } }), restoreHostVersion });
    view = await render(<HostHistoryPanel roomId="room-1" />, { platform, language: 'en' });
    const item = await until(() => view!.container.querySelector('li'));
    expect(item.textContent).toContain('Saved by hand · 2 notes');

    await click(view.buttons('Restore for everyone')[0]!);
    const dialog = await until(() => view!.container.querySelector('dialog'));
    expect(dialog.textContent).toContain('(2 notes)');
    versions = [before, manual];
    await click([...dialog.querySelectorAll('button')].find((b) => b.textContent === 'Restore for everyone')!);
    expect(restoreHostVersion).toHaveBeenCalledWith({ roomId: 'room-1', versionId: manual.id });
    await until(() => view!.container.querySelectorAll('li').length === 2);
    // The state a restore replaced is named after the version restored, so the two rows differ.
    const rows = [...view.container.querySelectorAll('li')].map((li) => li.textContent);
    expect(rows[0]).toMatch(/Before restoring the version of .* · 5 notes/);
    expect(rows[0]).not.toEqual(rows[1]);
  });

  it('shows why a restore was refused, translated', async () => {
    const platform = fakePlatform({
      hostVersions: async () => ({ ok: true, value: { versions: [manual] } }),
      restoreHostVersion: async () => ({ ok: false, error: 'history.newer' }),
    });
    view = await render(<HostHistoryPanel roomId="room-1" />, { platform });
    await until(() => view!.container.querySelector('li'));
    await click(view.buttons('모두에게 복원')[0]!);
    await click([...view.container.querySelectorAll('dialog button')].find((b) => b.textContent === '모두에게 복원')!);
    const alert = await until(() => view!.container.querySelector('[role=alert]'));
    expect(alert.textContent).toContain('더 새로운 마당에서 저장되어');
  });
});

describe('HostStorageNotice (the facilitator, in a room)', () => {
  it('keeps a read-only data folder and a room that will not survive a restart on screen', async () => {
    const platform = fakePlatform({
      hostStorage: async () => ({ ok: true, value: { dataFolder: 'readOnly', rooms: [{ roomId: 'room-1', boardFile: 'ok', survivesRestart: false }] } }),
    });
    view = await render(<HostStorageNotice roomId="room-1" />, { platform, language: 'en' });
    await until(() => view!.container.querySelectorAll('[role=alert]').length === 2);
    expect(view.container.textContent).toContain('cannot be written (read-only)');
    expect(view.container.textContent).toContain('will not survive a restart of the host');
  });

  it('tells the facilitator at once about a damaged board file and offers the newest version on the host', async () => {
    const restoreHostVersion = vi.fn(async () => ({ ok: true as const, value: { restored: manual, saved: null } }));
    let boardFile: 'damaged' | 'ok' = 'damaged';
    const platform = fakePlatform({
      hostStorage: async () => ({ ok: true, value: { dataFolder: 'ok', rooms: [{ roomId: 'room-1', boardFile, since: 5, survivesRestart: true, newestVersion: manual }] } }),
      restoreHostVersion,
    });
    const onRestored = vi.fn();
    view = await render(<HostStorageNotice roomId="room-1" onRestored={onRestored} />, { platform, language: 'en' });
    const offer = await until(() => [...view!.container.querySelectorAll('button')].find((b) => b.textContent?.startsWith('Restore the newest room version')));
    expect(view.container.textContent).toContain('was damaged and has been moved aside');
    expect(offer.textContent).toContain('2 notes');
    boardFile = 'ok';
    await click(offer);
    expect(restoreHostVersion).toHaveBeenCalledWith({ roomId: 'room-1', versionId: manual.id });
    expect(onRestored).toHaveBeenCalled();
    await until(() => view!.container.querySelector('[data-testid=host-storage-notice]') === null);
  });
});
