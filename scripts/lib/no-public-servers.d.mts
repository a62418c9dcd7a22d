import type { Plugin } from 'vite';

export const PUBLIC_SERVER_PATTERNS: RegExp[];
export function findPublicServers(text: string): string[];
export function noPublicServers(): Plugin;
