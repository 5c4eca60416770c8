import { useSyncExternalStore } from 'react';

// A value outside React that components read and follow: the one helper behind the app's small
// module-level stores (the direct server, download progress, the opened file, stored choices).

export interface Store<T> {
  get(): T;
  /** Replaces the value and tells every reader. */
  set(value: T): void;
  subscribe(listener: () => void): () => void;
}

export function createStore<T>(initial: T): Store<T> {
  let value = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => value,
    set(next) {
      value = next;
      listeners.forEach((listener) => listener());
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The store's value, or the part `select` picks (compared with Object.is: return stored values, not new objects). */
export function useStore<T, S = T>(store: Store<T>, select: (value: T) => S = (value) => value as unknown as S): S {
  return useSyncExternalStore(store.subscribe, () => select(store.get()));
}
