// Runs `commit` when the page may be about to go away (reload, tab closed, tab hidden: a mobile
// browser may discard a hidden tab without another event), so text typed into an open editor is in
// the document before persistence writes it out. Persistence (boardPersistence.ts) flushes on
// the same events, listening on window/document without capture; these listeners capture on
// window, so they run first on each event and the committed text goes out in the same flush.
export function onPageLeave(commit: () => void, target: Window | null = typeof window === 'undefined' ? null : window): () => void {
  if (!target) return () => {};
  const onVisibility = () => {
    if (target.document.visibilityState === 'hidden') commit();
  };
  const events: Array<[string, EventListener]> = [
    ['beforeunload', commit],
    ['pagehide', commit],
    ['freeze', commit],
    ['visibilitychange', onVisibility],
  ];
  for (const [type, fn] of events) target.addEventListener(type, fn, { capture: true });
  return () => {
    for (const [type, fn] of events) target.removeEventListener(type, fn, { capture: true });
  };
}
