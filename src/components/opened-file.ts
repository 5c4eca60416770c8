import { FILE_COMPARE_PATH, FILE_PATH } from '../lib/links';
import { createStore, useStore } from '../lib/store';

// The run file the user opened (dropped or picked). It stays in this tab's memory: nothing is
// uploaded, and nothing is put in a URL.

export interface OpenedFile {
  name: string;
  text: string;
}

const opened = createStore<OpenedFile | null>(null);
/** Two files opened together, to compare. */
const openedPair = createStore<[OpenedFile, OpenedFile] | null>(null);

const read = async (file: File): Promise<OpenedFile> => ({ name: file.name, text: await file.text() });

export async function openFile(file: File): Promise<void> {
  opened.set(await read(file));
}

export async function openFilePair(first: File, second: File): Promise<void> {
  openedPair.set([await read(first), await read(second)]);
}

export function useOpenedFile(): OpenedFile | null {
  return useStore(opened);
}

export function useOpenedFilePair(): [OpenedFile, OpenedFile] | null {
  return useStore(openedPair);
}

/** One file opens as a run at /file; two are compared at /file/compare. */
export function openFiles(files: FileList | null | undefined, navigate: (path: string) => void): void {
  const [first, second] = files ? [...files] : [];
  if (first && second) void openFilePair(first, second).then(() => navigate(FILE_COMPARE_PATH));
  else if (first) void openFile(first).then(() => navigate(FILE_PATH));
}
