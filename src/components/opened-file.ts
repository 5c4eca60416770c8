import { useSyncExternalStore } from 'react';
import { FILE_COMPARE_PATH, FILE_PATH } from '../lib/links';

// The run file the user opened (dropped or picked). It stays in this tab's memory: nothing is
// uploaded, and nothing is put in a URL.

export interface OpenedFile {
  name: string;
  text: string;
}

let current: OpenedFile | null = null;
/** Two files opened together, to compare. */
let pair: [OpenedFile, OpenedFile] | null = null;
const listeners = new Set<() => void>();

const read = async (file: File): Promise<OpenedFile> => ({ name: file.name, text: await file.text() });

export async function openFile(file: File): Promise<void> {
  current = await read(file);
  listeners.forEach((listener) => listener());
}

export async function openFilePair(first: File, second: File): Promise<void> {
  pair = [await read(first), await read(second)];
  listeners.forEach((listener) => listener());
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export function useOpenedFile(): OpenedFile | null {
  return useSyncExternalStore(subscribe, () => current);
}

export function useOpenedFilePair(): [OpenedFile, OpenedFile] | null {
  return useSyncExternalStore(subscribe, () => pair);
}

/** One file opens as a run at /file; two are compared at /file/compare. */
export function openFiles(files: FileList | null | undefined, navigate: (path: string) => void): void {
  const [first, second] = files ? [...files] : [];
  if (first && second) void openFilePair(first, second).then(() => navigate(FILE_COMPARE_PATH));
  else if (first) void openFile(first).then(() => navigate(FILE_PATH));
}
