import { useSyncExternalStore } from 'react';

// Progress of big run downloads, by API path, so the loading state can show bytes received
// (and a bar when the size is known), then that the run is being prepared.

export type DownloadProgress = { phase: 'downloading'; received: number; total: number | null } | { phase: 'preparing'; received: number };

const progress = new Map<string, DownloadProgress>();
const listeners = new Set<() => void>();

export function reportProgress(path: string, value: DownloadProgress | null): void {
  if (value) progress.set(path, value);
  else progress.delete(path);
  listeners.forEach((listener) => listener());
}

export function useDownloadProgress(path: string): DownloadProgress | null {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => progress.get(path) ?? null,
  );
}
