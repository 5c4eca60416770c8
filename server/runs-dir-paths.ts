import { realpathSync, type Stats } from 'node:fs';
import { lstat, realpath, stat } from 'node:fs/promises';
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
  /**
   * Like resolve, with the stats of what the path leads to: one lstat for a file that is not a
   * link (a folder rescan makes one call per file), a realpath and a stat for a link.
   */
  stat(parentReal: string, name: string): Promise<{ path: string; info: Stats } | null>;
  isInside(realPath: string): boolean;
}

export function createRunsDirPaths(runsDir: string, warn: (line: string) => void): RunsDirPaths {
  const root = realpathSync(runsDir);
  const warned = new Set<string>();
  const isInside = (path: string) => path === root || path.startsWith(root + sep);

  async function follow(path: string): Promise<string | null> {
    const real = await realpath(path).catch(missingAsNull);
    if (real === null) return null;
    if (isInside(real)) return real;
    if (!warned.has(path)) {
      warned.add(path);
      warn(`elizaOS Run Viewer: ignoring ${path}: a link that leads outside RUNS_DIR`);
    }
    return null;
  }

  return {
    root,
    isInside,
    async resolve(parentReal, name) {
      const path = join(parentReal, name);
      const info = await lstat(path).catch(missingAsNull);
      if (!info) return null;
      if (!info.isSymbolicLink()) return isInside(path) ? path : null;
      return follow(path);
    },
    async stat(parentReal, name) {
      const path = join(parentReal, name);
      const info = await lstat(path).catch(missingAsNull);
      if (!info) return null;
      if (!info.isSymbolicLink()) return isInside(path) ? { path, info } : null;
      const real = await follow(path);
      const target = real === null ? null : await stat(real).catch(missingAsNull);
      return real === null || target === null ? null : { path: real, info: target };
    },
  };
}

function missingAsNull(error: NodeJS.ErrnoException): null {
  if (error.code === 'ENOENT' || error.code === 'ENOTDIR' || error.code === 'ELOOP') return null;
  throw error;
}
