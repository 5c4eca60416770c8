import { realpathSync } from 'node:fs';
import { lstat, realpath } from 'node:fs/promises';
import { join, sep } from 'node:path';

// Every path read under RUNS_DIR (agent folders, run files, logs, memories) goes through here: a
// symbolic link is followed only when where it leads is still inside RUNS_DIR.

export interface RunsDirPaths {
  /** RUNS_DIR itself, links resolved. */
  root: string;
  /**
   * The real path of `parentReal/name`, or null when it does not exist or is a link leading out of
   * RUNS_DIR (warned once, naming the link and never its content). Other I/O errors throw, so that
   * a caller can try again rather than take the file for gone.
   */
  resolve(parentReal: string, name: string): Promise<string | null>;
  isInside(realPath: string): boolean;
}

export function createRunsDirPaths(runsDir: string, warn: (line: string) => void): RunsDirPaths {
  const root = realpathSync(runsDir);
  const warned = new Set<string>();
  const isInside = (path: string) => path === root || path.startsWith(root + sep);

  return {
    root,
    isInside,
    async resolve(parentReal, name) {
      const path = join(parentReal, name);
      const info = await lstat(path).catch(missingAsNull);
      if (!info) return null;
      if (!info.isSymbolicLink()) return isInside(path) ? path : null;
      const real = await realpath(path).catch(missingAsNull);
      if (real === null) return null;
      if (isInside(real)) return real;
      if (!warned.has(path)) {
        warned.add(path);
        warn(`elizaOS Run Viewer: ignoring ${path}: a link that leads outside RUNS_DIR`);
      }
      return null;
    },
  };
}

function missingAsNull(error: NodeJS.ErrnoException): null {
  if (error.code === 'ENOENT' || error.code === 'ENOTDIR' || error.code === 'ELOOP') return null;
  throw error;
}
