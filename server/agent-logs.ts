import { logRowSchema, type LogRow } from '../src/run/run-schemas';
import { readFolderRows, type FolderRead } from './agent-folder-json';

// GET /api/agents/:agentId/logs for the embedded API: the agent's raw log rows, as elizaOS keeps
// them, from RUNS_DIR/<agentId>/logs/*.json (each file a logs response `{ success, data: [...] }`
// or a bare array of rows). With them, runs served from files can show the action outcomes that
// elizaOS 1.7 hides, as they would against a live server.

const DEFAULT_COUNT = 100;
const MAX_COUNT = 1000;

export async function readAgentLogs(read: FolderRead, agentDir: string, query: string): Promise<LogRow[]> {
  return pageLogs(await readAllAgentLogs(read, agentDir), query);
}

/** Every log row of the agent, in file order. */
export async function readAllAgentLogs(read: FolderRead, agentDir: string): Promise<LogRow[]> {
  const rows = await readFolderRows(
    read,
    agentDir,
    'logs',
    (json) => {
      const data = Array.isArray(json) ? json : (json as { data?: unknown } | null)?.data;
      return Array.isArray(data) ? data : null;
    },
    'an array of log rows or { "data": [...] }',
  );
  const parsed = rows.map((row) => logRowSchema.safeParse(row));
  return parsed.flatMap((row) => (row.success ? [row.data] : []));
}

/** The real server's filters: type, roomId, newest first, count and offset. */
export function pageLogs(rows: LogRow[], query: string): LogRow[] {
  const params = new URLSearchParams(query);
  const type = params.get('type');
  const roomId = params.get('roomId');
  const count = Math.min(Math.max(Math.trunc(Number(params.get('count'))) || DEFAULT_COUNT, 1), MAX_COUNT);
  const offset = Math.max(Math.trunc(Number(params.get('offset'))) || 0, 0);
  return rows
    .filter((row) => (!type || row.type === type) && (!roomId || row.roomId === roomId))
    .sort((a, b) => time(b.createdAt) - time(a.createdAt))
    .slice(offset, offset + count);
}

export function time(value: unknown): number {
  const parsed = typeof value === 'string' ? Date.parse(value) : typeof value === 'number' ? value : NaN;
  return Number.isNaN(parsed) ? 0 : parsed;
}
