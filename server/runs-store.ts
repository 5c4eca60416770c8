import type { Dirent } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { normalizeRun } from '../src/run/normalize';
import { countRun, runDuration } from '../src/run/run-stats';
import { ID_PATTERN } from './api-routes';

// Reads runs from RUNS_DIR/<agentId>/*.json. The folder is rescanned on every request (readdir +
// stat are cheap) so added, changed and deleted files show up without a restart; parsing, which is
// not cheap for a 50 MB run, happens once per file version (path + mtime + size).

export interface AgentInfo {
  id: string;
  name: string;
}

/** One row of GET /api/agents/:agentId/runs, in the real server's shape. */
export interface RunSummaryRow {
  runId: string;
  status: string;
  startedAt: number | null;
  endedAt: number | null;
  durationMs: number | null;
  messageId: string | null;
  roomId: string | null;
  entityId: string | null;
  metadata: Record<string, never>;
  counts: { actions: number; modelCalls: number; errors: number; evaluators: number };
}

export interface RunFile {
  path: string;
  summary: RunSummaryRow;
}

type Parsed = { summary: RunSummaryRow } | { error: string };

const AGENT_FILE = 'agent.json';

export interface RunsStore {
  listAgents(): Promise<AgentInfo[]>;
  getAgent(agentId: string): Promise<AgentInfo | null>;
  /** Every readable run of the agent, one per runId; null when the agent does not exist. */
  listRuns(agentId: string): Promise<RunFile[] | null>;
  findRun(agentId: string, runId: string): Promise<RunFile | null>;
}

export function createRunsStore(runsDir: string, warn: (line: string) => void): RunsStore {
  const cache = new Map<string, { version: string; parsed: Promise<Parsed> }>();
  const warned = new Set<string>();

  function warnOnce(key: string, line: string): void {
    if (warned.has(key)) return;
    warned.add(key);
    warn(line);
  }

  async function agentDirs(): Promise<string[]> {
    let entries: Dirent[];
    try {
      entries = await readdir(runsDir, { withFileTypes: true });
    } catch (error) {
      warnOnce(`runs-dir:${errorCode(error)}`, `elizaOS Run Viewer: cannot read RUNS_DIR ${runsDir} (${errorCode(error)})`);
      return [];
    }
    return entries.filter((entry) => entry.isDirectory() && ID_PATTERN.test(entry.name)).map((entry) => entry.name);
  }

  async function getAgent(agentId: string): Promise<AgentInfo | null> {
    const dir = join(runsDir, agentId);
    const info = await stat(dir).catch(() => null);
    if (!info?.isDirectory()) return null;
    return { id: agentId, name: await agentName(dir, agentId) };
  }

  async function agentName(dir: string, agentId: string): Promise<string> {
    const file = join(dir, AGENT_FILE);
    const text = await readFile(file, 'utf8').catch(() => null);
    if (text === null) return agentId;
    try {
      const name: unknown = JSON.parse(text.replace(/^\uFEFF/, '')).name;
      if (typeof name === 'string' && name.trim()) return name.trim();
      throw new Error('no "name" string');
    } catch (error) {
      warnOnce(`${file}:${text}`, `elizaOS Run Viewer: ignoring ${file}: ${errorText(error)}`);
      return agentId;
    }
  }

  async function listRuns(agentId: string): Promise<RunFile[] | null> {
    const dir = join(runsDir, agentId);
    let names: string[];
    try {
      names = (await readdir(dir)).filter((name) => name.endsWith('.json') && name !== AGENT_FILE && !name.startsWith('.')).sort();
    } catch {
      return null;
    }
    const paths = names.map((name) => join(dir, name));
    forgetMissing(dir, new Set(paths));
    const results = await Promise.all(paths.map(async (path) => ({ path, parsed: await parseCached(path, agentId) })));

    const byRunId = new Map<string, RunFile>();
    for (const { path, parsed } of results) {
      if (!parsed || 'error' in parsed) continue;
      const seen = byRunId.get(parsed.summary.runId);
      if (seen) {
        warnOnce(`dup:${path}:${seen.path}`, `elizaOS Run Viewer: ${path} repeats run ${parsed.summary.runId} of ${seen.path}; serving the first`);
        continue;
      }
      byRunId.set(parsed.summary.runId, { path, summary: parsed.summary });
    }
    return [...byRunId.values()];
  }

  async function findRun(agentId: string, runId: string): Promise<RunFile | null> {
    const runs = await listRuns(agentId);
    return runs?.find((run) => run.summary.runId === runId) ?? null;
  }

  /** null when the file vanished between readdir and stat. */
  async function parseCached(path: string, agentId: string): Promise<Parsed | null> {
    const info = await stat(path).catch(() => null);
    if (!info?.isFile()) return null;
    const version = `${info.mtimeMs}:${info.size}`;
    const cached = cache.get(path);
    if (cached?.version === version) return cached.parsed;
    // The promise is cached, not the result, so concurrent requests parse (and warn) once.
    const parsed = parseFile(path, agentId).then((result) => {
      if ('error' in result) warn(`elizaOS Run Viewer: skipping ${path}: ${result.error}`);
      return result;
    });
    cache.set(path, { version, parsed });
    return parsed;
  }

  function forgetMissing(dir: string, present: Set<string>): void {
    for (const path of cache.keys()) {
      if (path.startsWith(dir + sep) && !present.has(path)) cache.delete(path);
    }
  }

  return {
    async listAgents() {
      const agents = await Promise.all((await agentDirs()).map((id) => getAgent(id)));
      return agents.filter((agent) => agent !== null).sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
    },
    getAgent: (agentId) => getAgent(agentId),
    listRuns,
    findRun,
  };
}

async function parseFile(path: string, agentId: string): Promise<Parsed> {
  let json: unknown;
  try {
    json = JSON.parse((await readFile(path, 'utf8')).replace(/^\uFEFF/, ''));
  } catch (error) {
    return { error: `not valid JSON (${errorText(error)})` };
  }
  try {
    return { summary: summarize(json, agentId) };
  } catch (error) {
    return { error: `not a run (${errorText(error)})` };
  }
}

function summarize(json: unknown, agentId: string): RunSummaryRow {
  const run = normalizeRun(json, agentId);
  const { actions, modelCalls, errors, evaluators } = countRun(run);
  return {
    runId: run.runId,
    status: run.serverStatus,
    startedAt: run.startedAt,
    endedAt: run.endedAt,
    durationMs: runDuration(run),
    messageId: run.messageId,
    roomId: run.roomId,
    entityId: run.entityId,
    metadata: {},
    counts: { actions, modelCalls, errors, evaluators },
  };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function errorCode(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' ? code : errorText(error);
}
