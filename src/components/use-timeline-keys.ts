import { useEffect, useRef } from 'react';

export interface TimelineKeyActions {
  move: (delta: 1 | -1) => void;
  toggleSelected: () => void;
  focusSearch: () => void;
  nextError: () => void;
  showHelp: () => void;
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** Up/down and j/k move between events, Enter toggles, `/` searches, `e` next error, `?` help. */
export function useTimelineKeys(actions: TimelineKeyActions): void {
  const latest = useRef(actions);
  useEffect(() => {
    latest.current = actions;
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented || isTyping(event.target)) return;
      const inDialog = event.target instanceof HTMLElement && event.target.closest('[role="dialog"]');
      if (inDialog) return;
      const a = latest.current;
      const handlers: Record<string, () => void> = {
        ArrowDown: () => a.move(1),
        j: () => a.move(1),
        ArrowUp: () => a.move(-1),
        k: () => a.move(-1),
        '/': a.focusSearch,
        e: a.nextError,
        '?': a.showHelp,
      };
      // Enter on a focused row's button already toggles it (it is a button); elsewhere it toggles the selection.
      if (event.key === 'Enter' && !(event.target instanceof HTMLButtonElement || event.target instanceof HTMLAnchorElement)) {
        handlers.Enter = a.toggleSelected;
      }
      const handler = handlers[event.key];
      if (!handler) return;
      event.preventDefault();
      handler();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}
