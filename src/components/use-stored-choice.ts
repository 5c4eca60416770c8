import { useCallback } from 'react';
import { createStore, useStore } from '../lib/store';

// A small preference remembered in localStorage and shared by every component that reads it.

/** Bumped on every write, so every reader reads its key again. */
const writes = createStore(0);

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function useStoredChoice<T extends string>(key: string, choices: readonly T[], fallback: T): [T, (value: T) => void] {
  const stored = useStore(writes, () => read(key));
  const value = choices.includes(stored as T) ? (stored as T) : fallback;
  const set = useCallback(
    (next: T) => {
      try {
        localStorage.setItem(key, next);
      } catch {
        // Unavailable storage: the choice is not remembered, which is all that is lost.
      }
      writes.set(writes.get() + 1);
    },
    [key],
  );
  return [value, set];
}
