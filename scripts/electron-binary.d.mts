// Types for electron-binary.mjs (the TypeScript config does not check .mjs files).
export interface FindElectronBinaryOptions {
  env?: Record<string, string | undefined>;
  platform?: string;
  /** Folder of the electron npm package; null when it is not installed. */
  electronDir?: string | null;
}
export declare function findElectronBinary(options?: FindElectronBinaryOptions): string | null;
