import { watch, type FSWatcher } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Run } from '../src/run/model';
import { eachAtMost, type Limiter } from './limiter';
import type { RunsDirPaths } from './runs-dir-paths';
import type { RunSummaryRow, SummaryResult } from './run-summary';
import type { WorkerAnswer } from './summary-workers';

// The runs of one agent folder, kept in memory: run id -> file, with the row the runs list needs.
// A run GET is then a map lookup and a list a filter over rows already sorted, however many files
// the folder holds. fs.watch reports changed files, which alone are read again; a full rescan
// every `ttlMs` catches what a watcher can miss (network filesystems, a watcher that died). A file
// is parsed once per version (mtime, size, inode); an I/O error is never remembered, so the file
// is read again on the next request instead of staying hidden.

export interface IndexedRun {
  /** The real path of the run file. */
  path: string;
  /** mtime, size and inode when it was last read: a cached copy is good while this holds. */
  version: string;
  summary: RunSummaryRow;
  /** The first paint drawn when the file was read, for a big file (see run-summary.ts). */
  firstPaint: string | null;
}

export interface RunIndexOptions {
  agentId: string;
  /** The agent folder's real path. */
  dir: string;
  paths: RunsDirPaths;
  /** Bounds the stats, reads and parses running at once. */
  limit: Limiter;
  /** Summarises a file's text: see run-summary.ts. */
  summarize: (text: string, agentId: string) => SummaryResult;
  /** Files at least this big are summarised off the event loop. */
  workerThresholdBytes: number;
  summarizeInWorker: (path: string, agentId: string) => Promise<WorkerAnswer>;
  ttlMs: number;
  warn: (key: string, line: string) => void;
}

export interface RunIndex {
  /** Rows newest first; null when the agent folder is gone. */
  list(): Promise<readonly RunSummaryRow[] | null>;
  /**
   * Runs whose truth the agent's action log can change (see run-truth.ts), by run id, as of the
   * last list(); the same object until a file changes.
   */
  checkables(): ReadonlyMap<string, Run>;
  find(runId: string): Promise<IndexedRun | null>;
  /** Marks the index for a rescan before its next answer (a file found missing, say). */
  invalidate(): void;
  close(): void;
}

const AGENT_FILE = 'agent.json';
/** Files of a folder looked at once in a scan: enough to keep the I/O threads busy. */
const SCAN_CONCURRENCY = 16;

interface FileEntry {
  path: string;
  version: string;
  result: SummaryResult;
}

export function isRunFileName(name: string): boolean {
  return name.endsWith('.json') && name !== AGENT_FILE && !name.startsWith('.');
}

export function createRunIndex(options: RunIndexOptions): RunIndex {
  const { dir, agentId, limit, warn } = options;
  const files = new Map<string, FileEntry>();
  /** Names a watcher reported, or whose last read failed: read again before the next answer. */
  const dirty = new Set<string>();
  let needsFullScan = true;
  let lastFullScan = 0;
  let gone = false;
  let running: Promise<void> | null = null;
  let background: Promise<void> | null = null;
  /** Something in `files` changed since the last rebuild. */
  let changed = true;
  let watcher: FSWatcher | null = null;
  let byRunId = new Map<string, IndexedRun>();
  let sorted: RunSummaryRow[] = [];
  let checkables = new Map<string, Run>();

  function startWatching(): void {
    if (watcher) return;
    try {
      watcher = watch(dir, { persistent: false }, (_event, name) => {
        if (name === null) needsFullScan = true;
        else if (isRunFileName(String(name))) dirty.add(String(name));
      });
      watcher.on('error', () => {
        watcher?.close();
        watcher = null;
        needsFullScan = true;
      });
    } catch {
      watcher = null;
    }
  }

  async function readEntry(name: string): Promise<void> {
    try {
      // One lstat per file that is not a link: a rescan of a big folder costs one call per file.
      const found = await limit(() => options.paths.stat(dir, name));
      if (found === null || !found.info.isFile()) {
        if (files.delete(name)) changed = true;
        return;
      }
      const { path: real, info } = found;
      const version = fileVersion(info);
      if (files.get(name)?.version === version) return;
      const result = info.size >= options.workerThresholdBytes ? await parseInWorker(real) : await limit(() => parseHere(real));
      files.set(name, { path: real, version, result });
      changed = true;
      if ('error' in result) warn(`${real}:${version}`, `elizaOS Run Viewer: skipping ${real}: ${result.error}`);
    } catch (error) {
      // Not remembered: the next request reads it again.
      dirty.add(name);
      const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
      warn(`io:${join(dir, name)}:${code}`, `elizaOS Run Viewer: could not read ${join(dir, name)} (${code}); will try again`);
    }
  }

  async function parseHere(path: string): Promise<SummaryResult> {
    return options.summarize(await readFile(path, 'utf8'), agentId);
  }

  async function parseInWorker(path: string): Promise<SummaryResult> {
    const answer = await options.summarizeInWorker(path, agentId);
    if ('ioError' in answer) throw Object.assign(new Error(answer.ioError), { code: answer.ioError });
    return answer.result;
  }

  async function fullScan(): Promise<void> {
    needsFullScan = false;
    dirty.clear();
    let names: string[];
    try {
      names = (await limit(() => readdir(dir))).filter(isRunFileName);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') {
        gone = true;
        watcher?.close();
        watcher = null;
      }
      // Until it can be read (again), every request looks.
      needsFullScan = true;
      return;
    }
    gone = false;
    const present = new Set(names);
    for (const name of files.keys()) {
      if (!present.has(name)) {
        files.delete(name);
        changed = true;
      }
    }
    await eachAtMost(SCAN_CONCURRENCY, names, readEntry);
    lastFullScan = Date.now();
  }

  async function refresh(): Promise<void> {
    // Let this turn's watcher events arrive first: a file written just before the request counts.
    await new Promise((done) => setImmediate(done));
    const stale = Date.now() - lastFullScan > options.ttlMs;
    if (needsFullScan || (stale && !watcher)) {
      startWatching();
      await fullScan();
    } else if (dirty.size > 0) {
      const names = [...dirty];
      dirty.clear();
      await Promise.all(names.map((name) => readEntry(name)));
    } else if (stale) {
      // The watcher is the source of truth; the rescan only catches what it missed, so nobody waits
      // for it, and only one runs at a time.
      if (!background) {
        background = fullScan()
          .then(rebuild)
          .finally(() => {
            background = null;
          });
      }
      return;
    } else {
      return;
    }
    rebuild();
  }

  function rebuild(): void {
    if (!changed) return;
    changed = false;
    const next = new Map<string, IndexedRun>();
    const nextCheckables = new Map<string, Run>();
    for (const name of [...files.keys()].sort()) {
      const entry = files.get(name)!;
      if ('error' in entry.result) continue;
      const seen = next.get(entry.result.summary.runId);
      if (seen) {
        warn(
          `dup:${entry.path}:${seen.path}`,
          `elizaOS Run Viewer: ${entry.path} repeats run ${entry.result.summary.runId} of ${seen.path}; serving the first`,
        );
        continue;
      }
      next.set(entry.result.summary.runId, {
        path: entry.path,
        version: entry.version,
        summary: entry.result.summary,
        firstPaint: entry.result.firstPaint ?? null,
      });
      if (entry.result.checkable) nextCheckables.set(entry.result.summary.runId, entry.result.checkable);
    }
    byRunId = next;
    checkables = nextCheckables;
    sorted = [...next.values()]
      .map((run) => run.summary)
      .sort((a, b) => (b.startedAt ?? -Infinity) - (a.startedAt ?? -Infinity) || a.runId.localeCompare(b.runId));
  }

  /** One refresh at a time; requests that arrive meanwhile share it. */
  function fresh(): Promise<void> {
    running ??= refresh().finally(() => {
      running = null;
    });
    return running;
  }

  return {
    async list() {
      await fresh();
      return gone ? null : sorted;
    },
    async find(runId) {
      await fresh();
      return gone ? null : (byRunId.get(runId) ?? null);
    },
    checkables: () => checkables,
    invalidate() {
      needsFullScan = true;
    },
    close() {
      watcher?.close();
      watcher = null;
    },
  };
}

/** What a cached copy of a file is good for: its mtime, size and inode when read. */
export function fileVersion(info: { mtimeMs: number; size: number; ino: number }): string {
  return `${info.mtimeMs}:${info.size}:${info.ino}`;
}

/** The file's size in bytes, as its version (fileVersion) records it. */
export function versionSize(version: string): number {
  return Number(version.split(':')[1]);
}
