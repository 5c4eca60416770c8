import { usePageKeys } from './use-page-keys';

export interface CompareKeyActions {
  move: (delta: 1 | -1) => void;
  nextDifference: (delta: 1 | -1) => void;
}

/** `n` / `p` next and previous difference; up/down and j/k move between aligned steps. */
export function useCompareKeys(a: CompareKeyActions): void {
  usePageKeys(() => ({
    n: () => a.nextDifference(1),
    p: () => a.nextDifference(-1),
    N: () => a.nextDifference(-1),
    j: () => a.move(1),
    ArrowDown: () => a.move(1),
    k: () => a.move(-1),
    ArrowUp: () => a.move(-1),
  }));
}
