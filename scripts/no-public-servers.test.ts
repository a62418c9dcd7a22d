// Nothing we ship may name a public signaling, STUN or TURN server (the room has no internet,
// and a default that is never used today is one refactor away from being used). Reads what
// `npm run build` wrote; `npm test` builds before it runs the unit tests.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findPublicServers } from './lib/no-public-servers.mjs';

const out = new URL('../out/', import.meta.url).pathname;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

describe('the built app', () => {
  it('names no public signaling, STUN or TURN server in any bundle or source map', () => {
    expect(existsSync(join(out, 'renderer/index.html')), 'run `npm run build` first').toBe(true);
    const shipped = files(out).filter((path) => /\.(m?js|cjs|map|html)$/.test(path));
    expect(shipped.length).toBeGreaterThan(3);
    const found = shipped.flatMap((path) => findPublicServers(readFileSync(path, 'utf8')).map((host) => `${path.slice(out.length)}: ${host}`));
    expect(found).toEqual([]);
  });

  it('recognises the defaults the libraries carry, so a clean result means something', () => {
    expect(findPublicServers("signaling = ['wss://y-webrtc-eu.fly.dev']")).toEqual(['y-webrtc-eu.fly.dev']);
    expect(findPublicServers('urls:["stun:stun.l.google.com:19302","stun:global.stun.twilio.com:3478"]').length).toBeGreaterThanOrEqual(2);
    expect(findPublicServers('turns:turn.example.org:443')).not.toEqual([]);
    expect(findPublicServers('return:e.child, ws:t.length')).toEqual([]);
  });
});
