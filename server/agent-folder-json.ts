import { readdir, readFile } from 'node:fs/promises';
import type { Limiter } from './limiter';
import type { RunsDirPaths } from './runs-dir-paths';

// Rows from RUNS_DIR/<agentId>/<folder>/*.json (logs, memories): every file a response of the real
// server or a bare array. Links leading out of RUNS_DIR are skipped like everywhere else; a file
// that is not JSON is skipped with a warning that never quotes it.

export interface FolderRead {
  paths: RunsDirPaths;
  limit: Limiter;
  warn: (line: string) => void;
}

export async function readFolderRows(
  { paths, limit, warn }: FolderRead,
  agentDir: string,
  folder: string,
  /** Finds the rows in a file's JSON; null when the file is not the expected shape. */
  rowsOf: (json: unknown) => unknown[] | null,
  expected: string,
): Promise<object[]> {
  const label = folder === 'logs' ? 'log' : folder;
  const dir = await paths.resolve(agentDir, folder).catch(() => null);
  if (dir === null) return [];
  const names = (await readdir(dir).catch(() => [] as string[])).filter((name) => name.endsWith('.json') && !name.startsWith('.')).sort();
  const files = await Promise.all(
    names.map(async (name) => {
      const path = await paths.resolve(dir, name).catch(() => null);
      if (path === null) return [];
      const text = await limit(() => readFile(path, 'utf8')).catch(() => null);
      if (text === null) return [];
      let json: unknown;
      try {
        json = JSON.parse(text.replace(/^\uFEFF/, ''));
      } catch {
        warn(`elizaOS Run Viewer: skipping ${label} file ${path}: not valid JSON`);
        return [];
      }
      const rows = rowsOf(json);
      if (rows === null) {
        warn(`elizaOS Run Viewer: skipping ${label} file ${path}: expected ${expected}`);
        return [];
      }
      return rows.filter((row): row is object => typeof row === 'object' && row !== null && !Array.isArray(row));
    }),
  );
  return files.flat();
}
