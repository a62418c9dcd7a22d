// Copy/paste carrier. The system clipboard when the page may use it (secure contexts: Electron's
// app://, localhost), so records travel between windows and boards; otherwise — a participant's
// browser on http://192.168.x.x has no navigator.clipboard — an in-memory clipboard shared by
// every board open in this page.
let memory: string | null = null;
/** Whether our last copy reached the system clipboard (if not, the system one is stale). */
let reachedSystem = false;

const READ_TIMEOUT_MS = 800;

export async function writeClipboard(text: string, nav: Pick<Navigator, 'clipboard'> | undefined = globalThis.navigator): Promise<void> {
  memory = text;
  reachedSystem = false;
  try {
    if (!nav?.clipboard?.writeText) return;
    await nav.clipboard.writeText(text);
    reachedSystem = true;
  } catch {
    // No permission or no focus: the in-memory copy still works inside this page.
  }
}

/**
 * The clipboard's text: the system clipboard if readable, else what this page copied last.
 * A permission prompt that never resolves must not hang a paste, hence the time limit.
 */
export async function readClipboard(nav: Pick<Navigator, 'clipboard'> | undefined = globalThis.navigator): Promise<string | null> {
  const clipboard = nav?.clipboard;
  if (clipboard?.readText && (reachedSystem || memory === null)) {
    try {
      const text = await Promise.race([
        clipboard.readText(),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('clipboard read timed out')), READ_TIMEOUT_MS)),
      ]);
      if (text) return text;
    } catch {
      // fall back to the in-memory copy
    }
  }
  return memory;
}

export function resetMemoryClipboard(): void {
  memory = null;
  reachedSystem = false;
}
