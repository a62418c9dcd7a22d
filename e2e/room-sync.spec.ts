// Co-editing through the host's hub (docs/sync.md): Chromium contexts are real WebRTC peers of
// the hub; a context without RTCPeerConnection is a peer whose WebRTC is blocked and syncs
// through the y-websocket relay. Setup goes through window.madang; edits a user makes go
// through the canvas where the board specs have not already covered them.
import type { Browser, BrowserContext, Page, WebSocketRoute } from '@playwright/test';
import { startHostProcess, type HostProcess } from '../scripts/lib/host-process.mjs';
import { test as base, automationUrl, expect, openApp } from './support/fixtures';

// Each test gets a host of its own: a fresh room, and a host it may stop and start.
const test = base.extend<{ room: HostProcess }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures declare dependencies by destructuring
  room: async ({}, use) => {
    const host = await startHostProcess();
    await use(host);
    await host.dispose();
  },
});

type Note = { id: string; text: string; x: number; y: number };

/** Cuts and restores a context's network for its WebSockets too (setOffline leaves open sockets be). */
class NetworkSwitch {
  private offline = false;
  private readonly live = new Set<WebSocketRoute>();
  async install(context: BrowserContext): Promise<void> {
    await context.routeWebSocket(/\/(signal|relay)/, (ws) => {
      if (this.offline) return void ws.close({ code: 1006, reason: 'network off' });
      this.live.add(ws);
      ws.connectToServer();
      ws.onClose(() => this.live.delete(ws));
    });
  }
  async off(context: BrowserContext): Promise<void> {
    this.offline = true;
    await context.setOffline(true);
    for (const ws of [...this.live]) await ws.close({ code: 1006, reason: 'network off' });
  }
  async on(context: BrowserContext): Promise<void> {
    this.offline = false;
    await context.setOffline(false);
  }
}

async function participant(browser: Browser, url: string, options: { webrtc?: boolean; network?: NetworkSwitch } = {}): Promise<Page> {
  const context = await browser.newContext({ locale: 'ko-KR', viewport: { width: 1400, height: 900 } });
  // As on client-isolated Wi-Fi: this browser cannot open a peer connection at all.
  if (options.webrtc === false) await context.addInitScript(() => Reflect.deleteProperty(window, 'RTCPeerConnection'));
  await options.network?.install(context);
  const page = await openApp(await context.newPage(), url);
  await page.waitForFunction(() => window.madang!.view() !== null);
  return page;
}

const notes = (page: Page) => page.evaluate(() => window.madang!.notes().map(({ id, text, x, y }) => ({ id, text, x, y })) as Note[]);
const sorted = (list: Note[]) => [...list].sort((a, b) => a.id.localeCompare(b.id));
const transport = (page: Page) => page.evaluate(() => window.madang!.transport());
const synced = (page: Page) => page.evaluate(() => window.madang!.synced());

async function centreOf(page: Page, id: string): Promise<{ x: number; y: number }> {
  const r = await page.evaluate((id) => window.madang!.view()!.clientRectOf(id), id);
  if (!r) throw new Error(`no record ${id} on the canvas`);
  return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
}

/** Both pages hold the same `count` notes, checked until they do. */
async function expectSameNotes(a: Page, b: Page, count: number): Promise<Note[]> {
  const both = async () => {
    const [x, y] = await Promise.all([notes(a), notes(b)]);
    return { count: x.length, same: JSON.stringify(sorted(x)) === JSON.stringify(sorted(y)) };
  };
  await expect.poll(both).toEqual({ count, same: true });
  return notes(a);
}

test('live co-editing through the hub: notes, text, moves and deletes converge on every peer', async ({ browser, room: host }) => {
  const alice = await participant(browser, host.joinUrl);
  const bob = await participant(browser, host.joinUrl);
  for (const page of [alice, bob]) {
    await expect.poll(() => transport(page)).toBe('webrtc');
    await expect(page.getByTestId('connection-status')).toHaveAttribute('data-synced', 'true');
  }

  const [first, second] = await alice.evaluate(() => window.madang!.addNotes([{ text: '주차 공간 부족', x: 0, y: 0 }, { text: '가로등', x: 300, y: 0 }]));
  await expect.poll(async () => (await notes(bob)).length).toBe(2);
  await bob.evaluate(() => {
    const view = window.madang!.view()!;
    view.fit();
    view.zoomTo(1, 500, 400);
  });

  // Bob retypes the first note on his canvas.
  const at = await centreOf(bob, first!);
  await bob.mouse.dblclick(at.x, at.y);
  await expect(bob.locator('textarea.board-text-overlay')).toHaveAttribute('data-mode', 'editing');
  await bob.keyboard.press('Control+a');
  await bob.keyboard.type('Parking is short');
  await bob.keyboard.press('Escape');
  await expect.poll(async () => (await notes(alice)).find((n) => n.id === first)?.text).toBe('Parking is short');

  // Bob drags the second note; Alice sees it land where Bob put it.
  const from = await centreOf(bob, second!);
  await bob.mouse.move(from.x, from.y);
  await bob.mouse.down();
  await bob.mouse.move(from.x + 60, from.y + 120, { steps: 6 });
  await bob.mouse.up();
  await expect.poll(async () => (await notes(alice)).find((n) => n.id === second)?.y).toBeGreaterThan(100);

  // Both add at the same moment; then Bob deletes his own note with the Delete key (participants
  // delete only what they made; the hub's rules are e2e/room-authority.spec.ts).
  const [, [own]] = await Promise.all([alice.evaluate(() => window.madang!.addNotes([{ text: '동시에 A', x: 0, y: 400 }])), bob.evaluate(() => window.madang!.addNotes([{ text: '동시에 B', x: 300, y: 400 }]))]);
  await expect.poll(async () => (await notes(alice)).length).toBe(4);
  await bob.evaluate(() => window.madang!.view()!.fit());
  const target = await centreOf(bob, own!);
  await bob.mouse.click(target.x, target.y);
  await bob.keyboard.press('Delete');
  const final = await expectSameNotes(alice, bob, 3);
  expect(final.map((n) => n.text).sort()).toEqual(['Parking is short', '가로등', '동시에 A']);
  expect(await synced(alice)).toBe(true);
  await alice.context().close();
  await bob.context().close();
});

test('a 3,000-note board reaches a late joiner, who then syncs over WebRTC', async ({ browser, room: host }) => {
  const early = await participant(browser, host.joinUrl);
  await expect.poll(() => transport(early)).toBe('webrtc');
  await early.evaluate(() => window.madang!.addNotes(Array.from({ length: 3000 }, (_, i) => ({ text: `의견 ${i + 1}: 골목길이 어두워요`, x: (i % 60) * 220, y: Math.floor(i / 60) * 180 }))));
  await expect.poll(() => synced(early)).toBe(true);

  // The board comes first (fetched over HTTP, then the relay), the data channel after it.
  const late = await participant(browser, host.joinUrl);
  await expect.poll(async () => (await notes(late)).length, { timeout: 30_000 }).toBe(3000);
  const fetched = await late.evaluate(() => performance.getEntriesByType('resource').filter((e) => /\/api\/rooms\/[^/]+\/board$/.test(e.name)).length);
  expect(fetched).toBe(1);
  await expect.poll(() => transport(late), { timeout: 20_000 }).toBe('webrtc');
  await expect(late.getByTestId('connection-status')).toHaveAttribute('data-synced', 'true');
  await early.evaluate(() => window.madang!.addNotes([{ text: '채널로 온 메모', x: 0, y: 6000 }]));
  await expect.poll(async () => (await notes(late)).some((n) => n.text === '채널로 온 메모')).toBe(true);
  await early.context().close();
  await late.context().close();
});

test('a note a participant adds while the board is still arriving is kept, and reaches the others', async ({ browser, room: host }) => {
  const early = await participant(browser, host.joinUrl);
  await early.evaluate(() => window.madang!.addNotes(Array.from({ length: 2000 }, (_, i) => ({ text: `의견 ${i + 1}`, x: (i % 50) * 220, y: Math.floor(i / 50) * 180 }))));
  await expect.poll(() => synced(early)).toBe(true);

  // The newcomer adds a note in the same task that sees its board screen appear: before its
  // first sync, while its app does not know the board's metadata yet.
  const context = await browser.newContext({ locale: 'ko-KR', viewport: { width: 1400, height: 900 } });
  const late = await context.newPage();
  await late.goto(automationUrl(host.joinUrl));
  const before = await late.evaluate(async () => {
    while (!window.madang?.view()) await new Promise((resolve) => requestAnimationFrame(resolve));
    const held = window.madang.notes().length;
    window.madang.addNotes([{ text: '막 들어와서 쓴 메모', x: 0, y: -400 }]);
    return held;
  });
  expect(before).toBeLessThan(2000);

  await expect.poll(async () => (await notes(late)).length, { timeout: 30_000 }).toBe(2001);
  await expect.poll(async () => (await notes(early)).some((n) => n.text === '막 들어와서 쓴 메모')).toBe(true);
  // Nothing was refused: no notice on the newcomer's screen.
  await expect(late.locator('.refusal-notice')).toHaveText('');
  await early.context().close();
  await context.close();
});

test('a peer whose WebRTC is blocked syncs through the relay, and merges edits made while its network was off', async ({ browser, room: host }) => {
  const network = new NetworkSwitch();
  const direct = await participant(browser, host.joinUrl);
  const relayed = await participant(browser, host.joinUrl, { webrtc: false, network });
  await expect.poll(() => transport(relayed), { timeout: 15_000 }).toBe('relay');
  await expect(relayed.getByTestId('connection-status')).toHaveAttribute('data-state', 'relay');
  await expect.poll(() => transport(direct)).toBe('webrtc');

  await direct.evaluate(() => window.madang!.addNotes([{ text: '직접 연결에서', x: 0, y: 0 }]));
  await relayed.evaluate(() => window.madang!.addNotes([{ text: '릴레이에서', x: 300, y: 0 }]));
  await expectSameNotes(direct, relayed, 2);
  await expect.poll(() => direct.evaluate(() => window.madang!.peers().length)).toBe(2);

  // Network off: the relayed peer keeps working on its own copy, and says so.
  await network.off(relayed.context());
  await expect.poll(() => transport(relayed), { timeout: 15_000 }).toBe('offline');
  await relayed.evaluate(() => window.madang!.addNotes([{ text: '오프라인 중에 추가', x: 0, y: 300 }]));
  await direct.evaluate(() => window.madang!.addNotes([{ text: '그동안 다른 사람이 추가', x: 300, y: 300 }]));
  await expect(relayed.getByTestId('connection-status')).toContainText('아직 보내지 않은 변경 있음');
  expect((await notes(direct)).map((n) => n.text)).not.toContain('오프라인 중에 추가');

  // Network back: it reconnects by itself and both sides merge.
  await network.on(relayed.context());
  await expect.poll(() => transport(relayed), { timeout: 20_000 }).toBe('relay');
  const merged = await expectSameNotes(direct, relayed, 4);
  expect(merged.map((n) => n.text).sort()).toEqual(['그동안 다른 사람이 추가', '릴레이에서', '오프라인 중에 추가', '직접 연결에서'].sort());
  await direct.context().close();
  await relayed.context().close();
});

test('the host restarts mid-session: everyone reconnects by themselves and no edit is lost', async ({ browser }) => {
  const first = await startHostProcess();
  const port = new URL(first.url).port;
  let host = first;
  try {
    const alice = await participant(browser, host.joinUrl);
    const bob = await participant(browser, host.joinUrl);
    await expect.poll(() => transport(alice)).toBe('webrtc');
    await expect.poll(() => transport(bob)).toBe('webrtc');
    await alice.evaluate(() => window.madang!.addNotes([{ text: '재시작 전', x: 0, y: 0 }]));
    await expect.poll(async () => (await notes(bob)).length).toBe(1);

    await host.stop();
    await alice.evaluate(() => window.madang!.addNotes([{ text: '호스트가 꺼진 동안', x: 300, y: 0 }]));
    await expect(alice.getByTestId('connection-status')).toHaveAttribute('data-synced', 'false', { timeout: 20_000 });

    host = await startHostProcess({ port: Number(port), dataDir: first.dataDir });
    for (const page of [alice, bob]) {
      await expect.poll(() => transport(page), { timeout: 30_000 }).toBe('webrtc');
      await expect.poll(() => synced(page), { timeout: 30_000 }).toBe(true);
    }
    const after = await expectSameNotes(alice, bob, 2);
    expect(after.map((n) => n.text).sort()).toEqual(['재시작 전', '호스트가 꺼진 동안'].sort());

    // A newcomer after the restart gets everything too.
    const carol = await participant(browser, host.joinUrl);
    await expect.poll(async () => (await notes(carol)).length).toBe(2);
    for (const page of [alice, bob, carol]) await page.context().close();
  } finally {
    await host.dispose();
  }
});

test('the facilitator removes a participant, who is told so and stays out, then closes the room for everyone', async ({ browser, room: host }) => {
  const facilitator = await openApp(await (await browser.newContext({ locale: 'ko-KR', viewport: { width: 1400, height: 900 } })).newPage(), host.url);
  await facilitator.getByLabel('세션 이름').fill('마을 회의');
  await facilitator.getByRole('button', { name: '만들기' }).click();
  await facilitator.getByRole('button', { name: '방 열기' }).click();
  const joinUrl = (await facilitator.getByTestId('join-url').textContent())!;

  const guest = await participant(browser, joinUrl);
  const stays = await participant(browser, joinUrl);
  const guestName = (await guest.evaluate(() => window.madang!.peers())).find((p) => p.self)!.name;
  await expect(facilitator.getByTestId('presence-list').getByRole('listitem')).toHaveCount(3);

  await facilitator.getByRole('button', { name: `${guestName} 님 퇴장…` }).click();
  await expect(facilitator.getByTestId('remove-confirm')).toContainText(`${guestName} 님을 방에서 퇴장시킬까요?`);
  await facilitator.getByRole('button', { name: `${guestName} 님 퇴장시키기` }).click();
  await expect(guest.getByTestId('room-ended')).toHaveAttribute('data-reason', 'removed');
  await expect(facilitator.getByTestId('presence-list').getByRole('listitem')).toHaveCount(2);
  // Reloading does not bring the removed participant back in.
  await guest.reload();
  await expect(guest.getByTestId('room-ended')).toHaveAttribute('data-reason', 'removed');

  await facilitator.getByRole('button', { name: '방 닫기' }).click();
  await facilitator.getByRole('button', { name: '방 닫기' }).last().click();
  await expect(stays.getByTestId('room-ended')).toHaveAttribute('data-reason', 'closed');
  await expect(stays.getByRole('alert')).toContainText('진행자가 방을 닫았습니다');
  for (const page of [facilitator, guest, stays]) await page.context().close();
});
