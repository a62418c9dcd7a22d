// The package as JSON text: what the outbox stores and the portal receives. Kept apart from the
// ZIP bundle so that the app's first load need not carry the ZIP, CSV and PDF code.
import type { OutcomePackage } from './schema';

export function packageToJson(pkg: OutcomePackage): string {
  return `${JSON.stringify(pkg, null, 2)}\n`;
}
