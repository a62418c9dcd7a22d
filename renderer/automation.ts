// window.madang: the automation API for e2e tests and benchmarks (README, "Automation API").
// Installed only with ?automation=1 (web) or --automation (Electron). Users never see it.
import type { ConnectionState } from './sync/roomConnection';

export interface MadangAutomation {
  /** Resolves once start-up is done and the first screen is shown. */
  ready: Promise<void>;
  /** The session on screen, or '' on the home screen. */
  sessionId(): string;
  /** People present in the room (this client included), or [] when no room is connected. */
  peers(): Array<{ name: string; color: string; role: string; self: boolean }>;
}

declare global {
  interface Window {
    madang?: MadangAutomation;
  }
}

/** What window.madang reads; screens tell it what is on screen. */
export class AutomationSource {
  sessionId = '';
  connection: (() => ConnectionState) | null = null;

  show(screen: { sessionId: string; connection?: (() => ConnectionState) | null }): void {
    this.sessionId = screen.sessionId;
    this.connection = screen.connection ?? null;
  }
}

export function installAutomation(source: AutomationSource): { markReady(): void } {
  let markReady = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  window.madang = {
    ready,
    sessionId: () => source.sessionId,
    peers: () => (source.connection?.().people ?? []).map(({ name, color, role, self }) => ({ name, color, role, self })),
  };
  return { markReady };
}
