import { useSyncExternalStore } from 'react';

// The run file the user opened (dropped or picked). It stays in this tab's memory: nothing is
// uploaded, and nothing is put in a URL.

export interface OpenedFile {
  name: string;
  text: string;
}

let current: OpenedFile | null = null;
const listeners = new Set<() => void>();

export async function openFile(file: File): Promise<void> {
  current = { name: file.name, text: await file.text() };
  listeners.forEach((listener) => listener());
}

export function useOpenedFile(): OpenedFile | null {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => current,
  );
}
