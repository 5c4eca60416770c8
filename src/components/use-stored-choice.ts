import { useCallback, useSyncExternalStore } from 'react';

// A small preference remembered in localStorage and shared by every component that reads it.

const listeners = new Set<() => void>();

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function useStoredChoice<T extends string>(key: string, choices: readonly T[], fallback: T): [T, (value: T) => void] {
  const subscribe = useCallback((listener: () => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  }, []);
  const stored = useSyncExternalStore(subscribe, () => read(key));
  const value = choices.includes(stored as T) ? (stored as T) : fallback;
  const set = useCallback(
    (next: T) => {
      try {
        localStorage.setItem(key, next);
      } catch {
        // Unavailable storage: the choice is not remembered, which is all that is lost.
      }
      listeners.forEach((listener) => listener());
    },
    [key],
  );
  return [value, set];
}
