import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Run } from '../src/run/model';
import type { LogRow } from '../src/run/run-schemas';
import { truthOfBasis } from '../src/run/run-truth';
import { readAllAgentLogs } from './agent-logs';

import type { FolderRead } from './agent-folder-json';
import { ID_PATTERN } from '../src/lib/ids';
import { createLimiter } from './limiter';
import { createRunIndex, type IndexedRun, type RunIndex } from './run-index';
import { summarizeRunText, type RunSummaryRow } from './run-summary';
import { createRunsDirPaths } from './runs-dir-paths';
import { createSummaryWorkers } from './summary-workers';

// Reads runs from RUNS_DIR/<agentId>/*.json. Each agent folder has an index (run-index.ts), so a
// run or a list is answered from memory, and added, changed and deleted files still show up
// without a restart. Every path is checked to stay inside RUNS_DIR (runs-dir-paths.ts).

export type { RunSummaryRow } from './run-summary';

export interface AgentInfo {
  id: string;
  name: string;
}

export interface RunsStoreOptions {
  /** Default 5 s: how old the index may get when its watcher saw nothing. */
  ttlMs?: number;
  /** Default 8 MB: files at least this big are parsed in a worker thread (a few MB parse in tens of ms). */
  workerThresholdBytes?: number;
  /** Default 32: file operations running at once. */
  maxOpenFiles?: number;
}

export interface RunsStore {
  listAgents(): Promise<AgentInfo[]>;
  getAgent(agentId: string): Promise<AgentInfo | null>;
  /** Every readable run of the agent, one per runId, newest first; null when the agent does not exist. */
  listRuns(agentId: string): Promise<readonly RunSummaryRow[] | null>;
  findRun(agentId: string, runId: string): Promise<IndexedRun | null>;
  /** The agent's action log and its version (its files' names, times and sizes); null when there is no agent folder. */
  actionLog(agentId: string): Promise<{ version: string; rows: LogRow[] } | null>;
  /** A run file was found missing or changed under us: look again before the next answer. */
  invalidate(agentId: string): void;
  /** The agent folder's real path, inside RUNS_DIR; null when there is none. */
  agentDir(agentId: string): Promise<string | null>;
  /** For reading the agent's logs and memories folders. */
  folderRead: FolderRead;
  close(): Promise<void>;
}

const AGENT_FILE = 'agent.json';

export function createRunsStore(runsDir: string, warn: (line: string) => void, options: RunsStoreOptions = {}): RunsStore {
  const paths = createRunsDirPaths(runsDir, warn);
  const limit = createLimiter(options.maxOpenFiles ?? 32);
  const workers = createSummaryWorkers();
  const indexes = new Map<string, RunIndex>();
  /** Per agent: its action log rows, as of a version of its logs folder. */
  const actionLogs = new Map<string, { version: string; rows: Promise<LogRow[]> }>();
  /** Per agent: the list with the action log applied, for the index's rows and log version it was made from. */
  const truthful = new Map<
    string,
    { rows: readonly RunSummaryRow[]; checkables: ReadonlyMap<string, Run>; version: string; list: RunSummaryRow[] }
  >();
  /** Per agent: the list being made right now. */
  const listing = new Map<string, Promise<readonly RunSummaryRow[] | null>>();
  const warned = new Set<string>();

  function warnOnce(key: string, line: string): void {
    if (warned.has(key)) return;
    warned.add(key);
    warn(line);
  }

  async function agentDir(agentId: string): Promise<string | null> {
    if (!ID_PATTERN.test(agentId)) return null;
    const dir = await paths.resolve(paths.root, agentId).catch(() => null);
    if (dir === null) return null;
    const info = await stat(dir).catch(() => null);
    return info?.isDirectory() ? dir : null;
  }

  async function agentIds(): Promise<string[]> {
    let names: string[];
    try {
      names = await readdir(paths.root);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
      warnOnce(`runs-dir:${code}`, `elizaOS Run Viewer: cannot read RUNS_DIR ${runsDir} (${code})`);
      return [];
    }
    const ids = await Promise.all(
      names.filter((name) => ID_PATTERN.test(name)).map(async (name) => ((await agentDir(name)) ? name : null)),
    );
    return ids.filter((id) => id !== null);
  }

  async function getAgent(agentId: string): Promise<AgentInfo | null> {
    const dir = await agentDir(agentId);
    return dir === null ? null : { id: agentId, name: await agentName(dir, agentId) };
  }

  async function agentName(dir: string, agentId: string): Promise<string> {
    const file = await paths.resolve(dir, AGENT_FILE).catch(() => null);
    const text = file === null ? null : await limit(() => readFile(file, 'utf8')).catch(() => null);
    if (file === null || text === null) return agentId;
    let name: unknown;
    try {
      name = JSON.parse(text.replace(/^\uFEFF/, '')).name;
    } catch {
      name = undefined;
    }
    if (typeof name === 'string' && name.trim()) return name.trim();
    warnOnce(`${file}:${text.length}:${text.slice(0, 64)}`, `elizaOS Run Viewer: ignoring ${file}: not JSON with a "name" string`);
    return agentId;
  }

  async function index(agentId: string): Promise<RunIndex | null> {
    const known = indexes.get(agentId);
    if (known) return known;
    const dir = await agentDir(agentId);
    if (dir === null || indexes.has(agentId)) return indexes.get(agentId) ?? null;
    const created = createRunIndex({
      agentId,
      dir,
      paths,
      limit,
      summarize: summarizeRunText,
      workerThresholdBytes: options.workerThresholdBytes ?? 8 * 1024 * 1024,
      summarizeInWorker: workers.summarize,
      ttlMs: options.ttlMs ?? 5000,
      warn: warnOnce,
    });
    indexes.set(agentId, created);
    return created;
  }

  /** An index whose folder is gone is dropped, so a folder made again later starts afresh. */
  async function fromIndex<T>(agentId: string, read: (index: RunIndex) => Promise<T | null>): Promise<T | null> {
    const found = await index(agentId);
    if (!found) return null;
    const answer = await read(found);
    if (answer === null && !(await agentDir(agentId))) {
      found.close();
      if (indexes.get(agentId) === found) indexes.delete(agentId);
    }
    return answer;
  }

  /** The agent's action log rows, read again only when a file of its logs folder changed. */
  async function actionLog(agentId: string, dir: string): Promise<{ version: string; rows: Promise<LogRow[]> }> {
    const logsDir = await paths.resolve(dir, 'logs').catch(() => null);
    const names =
      logsDir === null ? [] : (await readdir(logsDir).catch(() => [] as string[])).filter((name) => name.endsWith('.json')).sort();
    const stats = await Promise.all(names.map((name) => limit(() => stat(join(logsDir!, name))).catch(() => null)));
    const version = names.map((name, index) => `${name}:${stats[index]?.mtimeMs}:${stats[index]?.size}`).join('|');
    const known = actionLogs.get(agentId);
    if (known?.version === version) return known;
    const read = {
      version,
      rows: readAllAgentLogs({ paths, limit, warn }, dir).then((all) => all.filter((row) => row.type === 'action')),
    };
    actionLogs.set(agentId, read);
    return read;
  }

  /**
   * The rows with the truth the run page shows: a run whose action outcomes only the agent's
   * action log knows (elizaOS 1.7 says every action succeeded) gets them from it, as on its page.
   */
  async function withActionLog(agentId: string, found: RunIndex, rows: readonly RunSummaryRow[]): Promise<readonly RunSummaryRow[]> {
    const checkables = found.checkables();
    if (checkables.size === 0) return rows;
    const dir = await agentDir(agentId);
    if (dir === null) return rows;
    const log = await actionLog(agentId, dir);
    const cached = truthful.get(agentId);
    if (cached && cached.rows === rows && cached.checkables === checkables && cached.version === log.version) return cached.list;
    const actionRows = await log.rows;
    const list = rows.map((row) => {
      const checkable = checkables.get(row.runId);
      return checkable ? { ...row, truth: truthOfBasis({ truth: row.truth, checkable }, actionRows) } : row;
    });
    truthful.set(agentId, { rows, checkables, version: log.version, list });
    return list;
  }

  return {
    async listAgents() {
      const agents = await Promise.all((await agentIds()).map((id) => getAgent(id)));
      return agents.filter((agent) => agent !== null).sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
    },
    getAgent,
    listRuns(agentId) {
      // Requests that arrive while the list is being made share it: its checks (index, folder,
      // logs) are a few file system calls, which 50 connections would otherwise each repeat.
      let shared = listing.get(agentId);
      if (!shared) {
        const made = fromIndex(agentId, async (found) => {
          const rows = await found.list();
          return rows && withActionLog(agentId, found, rows);
        }).finally(() => {
          if (listing.get(agentId) === made) listing.delete(agentId);
        });
        listing.set(agentId, (shared = made));
      }
      return shared;
    },
    findRun: (agentId, runId) => fromIndex(agentId, (found) => found.find(runId)),
    async actionLog(agentId) {
      const dir = await agentDir(agentId);
      if (dir === null) return null;
      const log = await actionLog(agentId, dir);
      return { version: log.version, rows: await log.rows };
    },
    invalidate: (agentId) => indexes.get(agentId)?.invalidate(),
    agentDir,
    folderRead: { paths, limit, warn },
    async close() {
      for (const found of indexes.values()) found.close();
      indexes.clear();
      await workers.close();
    },
  };
}
