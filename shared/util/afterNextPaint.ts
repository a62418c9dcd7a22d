/**
 * Resolves after the next frame is painted (a browser), or at once where nothing paints (Node).
 * Work that would hold the main thread waits for it, so what was just drawn reaches the screen first.
 */
export function afterNextPaint(): Promise<void> {
  return new Promise((resolve) => {
    const { requestAnimationFrame: frame } = globalThis as { requestAnimationFrame?: (callback: () => void) => unknown };
    if (typeof frame !== 'function') return void setTimeout(resolve, 0);
    // rAF runs before the paint and a task queued there after it; a hidden tab has no frames.
    const fallback = setTimeout(resolve, 100);
    frame(() => setTimeout(() => {
      clearTimeout(fallback);
      resolve();
    }, 0));
  });
}
