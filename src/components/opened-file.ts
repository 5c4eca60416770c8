import { createStore, useStore } from '../lib/store';

// The run file the user opened (dropped or picked). It stays in this tab's memory: nothing is
// uploaded, and nothing is put in a URL.

export interface OpenedFile {
  name: string;
  text: string;
}

const opened = createStore<OpenedFile | null>(null);

export async function openFile(file: File): Promise<void> {
  opened.set({ name: file.name, text: await file.text() });
}

export function useOpenedFile(): OpenedFile | null {
  return useStore(opened);
}
