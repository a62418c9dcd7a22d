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

export function startHostProcess(options?: { port?: number; dataDir?: string; bind?: string }): Promise<HostProcess>;
