// The room has no internet, and nothing in Madang may ever reach for a public server. y-webrtc
// defaults its signaling to a public host and simple-peer its ICE to public STUN servers; we
// always pass our own (the host, and no ICE servers), but the defaults would still sit in the
// bundle. This Vite plugin cuts them out at build time, and fails the build if any known public
// host is left in the output. scripts/no-public-servers.test.mjs greps the built files again.
import { readFile } from 'node:fs/promises';

/** Hosts of public signaling, STUN and TURN services that libraries in this stack default to. */
export const PUBLIC_SERVER_PATTERNS = [
  /y-webrtc[\w-]*\.fly\.dev/,
  /signaling\.yjs\.dev/,
  /y-webrtc-signaling-(eu|us)\.herokuapp\.com/,
  /stun\.l\.google\.com/,
  /stun\.twilio\.com/,
  /(?<![a-z])stuns?:[a-z0-9.-]+\.[a-z]{2,}/i,
  /(?<![a-z])turns?:[a-z0-9.-]+\.[a-z]{2,}/i,
];

/** What to cut, per module: [module path suffix, text, replacement]. */
const CUTS = [
  ['y-webrtc/src/y-webrtc.js', "signaling = ['wss://y-webrtc-eu.fly.dev']", 'signaling = []'],
  ['simple-peer/simplepeer.min.js', 'iceServers:[{urls:["stun:stun.l.google.com:19302","stun:global.stun.twilio.com:3478"]}]', 'iceServers:[]'],
];

/** Finds the public hosts in a text: [] when clean. */
export function findPublicServers(text) {
  return PUBLIC_SERVER_PATTERNS.flatMap((pattern) => text.match(new RegExp(pattern, 'g' + pattern.flags)) ?? []);
}

export function noPublicServers() {
  return {
    name: 'madang-no-public-servers',
    enforce: 'pre',
    // In load, not transform: source maps then carry the edited text too.
    load: {
      filter: { id: /(y-webrtc\.js|simplepeer\.min\.js)$/ },
      async handler(id) {
        const path = id.replace(/\\/g, '/').split('?')[0];
        const cut = CUTS.find(([suffix]) => path.endsWith(suffix));
        if (!cut) return null;
        const [suffix, text, replacement] = cut;
        const code = await readFile(path, 'utf8');
        // A library update that moves the default must not slip through unnoticed.
        if (!code.includes(text)) this.error(`${suffix}: expected default not found; update scripts/lib/no-public-servers.mjs`);
        return code.replace(text, replacement);
      },
    },
    generateBundle(_options, bundle) {
      for (const [name, chunk] of Object.entries(bundle)) {
        const text = chunk.type === 'chunk' ? chunk.code : typeof chunk.source === 'string' ? chunk.source : '';
        const found = findPublicServers(text);
        if (found.length > 0) this.error(`${name} contains public servers: ${[...new Set(found)].join(', ')}`);
      }
    },
  };
}
