import { usePageKeys } from './use-page-keys';

export interface TimelineKeyActions {
  move: (delta: 1 | -1) => void;
  toggleSelected: () => void;
  focusSearch: () => void;
  nextError: () => void;
  showHelp: () => void;
}

/** Up/down and j/k move between events, Enter toggles, `/` searches, `e` next error, `?` help. */
export function useTimelineKeys(a: TimelineKeyActions): void {
  usePageKeys((event) => ({
    ArrowDown: () => a.move(1),
    j: () => a.move(1),
    ArrowUp: () => a.move(-1),
    k: () => a.move(-1),
    '/': a.focusSearch,
    e: a.nextError,
    '?': a.showHelp,
    // Enter on a focused row's button already toggles it (it is a button); elsewhere it toggles the selection.
    Enter: event.target instanceof HTMLButtonElement || event.target instanceof HTMLAnchorElement ? undefined : a.toggleSelected,
  }));
}
