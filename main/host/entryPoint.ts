// Whether a module is the script Node was started with (`node out/host/cli.mjs`), so a CLI module
// runs itself only then and can be imported by tests and other entry points without side effects.
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export function isEntryPoint(moduleUrl: string, argv: readonly string[] = process.argv): boolean {
  try {
    return argv[1] !== undefined && realpathSync(argv[1]) === realpathSync(fileURLToPath(moduleUrl));
  } catch {
    return false;
  }
}
