import type { ChildProcess } from 'node:child_process';

export interface HostProcess {
  url: string;
  joinUrl: string;
  joinCode: string;
  dataDir: string;
  process: ChildProcess;
  stop(): Promise<void>;
  dispose(): Promise<void>;
}

export function startHostProcess(options?: { port?: number; dataDir?: string; bind?: string; args?: string[] }): Promise<HostProcess>;

export interface SyncServerProcess {
  /** What a host's --sync-server takes: ws://127.0.0.1:<port>. */
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export function startSyncServerProcess(options: { dataDir: string }): Promise<SyncServerProcess>;
