import { useEffect, useRef } from 'react';

/** The keys a page answers, decided per key press (the map may depend on what was pressed where). */
export type PageKeyMap = (event: KeyboardEvent) => Partial<Record<string, () => void>>;

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * Single-key shortcuts for a page: ignored while typing, with a modifier, or inside a dialog. The
 * newest `keys` is always used, so callers pass a fresh map each render without re-subscribing.
 */
export function usePageKeys(keys: PageKeyMap): void {
  const latest = useRef(keys);
  useEffect(() => {
    latest.current = keys;
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented || isTyping(event.target)) return;
      if (event.target instanceof HTMLElement && event.target.closest('[role="dialog"]')) return;
      const handler = latest.current(event)[event.key];
      if (!handler) return;
      event.preventDefault();
      handler();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}
