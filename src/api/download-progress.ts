import { createStore, useStore } from '../lib/store';

// Progress of big run downloads, by API path, so the loading state can show bytes received
// (and a bar when the size is known), then that the run is being prepared.

export type DownloadProgress = { phase: 'downloading'; received: number; total: number | null } | { phase: 'preparing'; received: number };

const progress = createStore<ReadonlyMap<string, DownloadProgress>>(new Map());

export function reportProgress(path: string, value: DownloadProgress | null): void {
  const next = new Map(progress.get());
  if (value) next.set(path, value);
  else next.delete(path);
  progress.set(next);
}

export function useDownloadProgress(path: string): DownloadProgress | null {
  return useStore(progress, (all) => all.get(path) ?? null);
}
