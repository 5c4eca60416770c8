import { useEffect, useRef } from 'react';

export interface CompareKeyActions {
  move: (delta: 1 | -1) => void;
  nextDifference: (delta: 1 | -1) => void;
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** `n` / `p` next and previous difference; up/down and j/k move between aligned steps. */
export function useCompareKeys(actions: CompareKeyActions): void {
  const latest = useRef(actions);
  useEffect(() => {
    latest.current = actions;
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented || isTyping(event.target)) return;
      if (event.target instanceof HTMLElement && event.target.closest('[role="dialog"]')) return;
      const a = latest.current;
      const handlers: Record<string, () => void> = {
        n: () => a.nextDifference(1),
        p: () => a.nextDifference(-1),
        N: () => a.nextDifference(-1),
        j: () => a.move(1),
        ArrowDown: () => a.move(1),
        k: () => a.move(-1),
        ArrowUp: () => a.move(-1),
      };
      const handler = handlers[event.key];
      if (!handler) return;
      event.preventDefault();
      handler();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}
