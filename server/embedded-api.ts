import type { IncomingMessage, ServerResponse } from 'node:http';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { readAgentLogs } from './agent-logs';
import { readAgentMemories } from './agent-memories';
import type { ApiRoute } from './api-routes';
import { JSON_TYPE, sendError, sendJson } from './api-responses';
import { startBody } from './gzip-body';
import type { RunsStore, RunSummaryRow } from './runs-store';

// The runs API served from files, in the real elizaOS 1.7.2 envelope and error formats.

const STATUSES = new Set(['started', 'completed', 'timeout', 'error']);
const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 100;

export type EmbeddedApi = (req: IncomingMessage, res: ServerResponse, route: ApiRoute, query: string) => Promise<void>;

export function createEmbeddedApi(store: RunsStore, runsDir: string, warn: (line: string) => void): EmbeddedApi {
  return async (req, res, route, query) => {
    switch (route.kind) {
      case 'agents': {
        const agents = await store.listAgents();
        const rows = agents.map(({ id, name }) => ({ id, name, characterName: name, bio: '', status: 'active' }));
        return sendJson(req, res, 200, { success: true, data: { agents: rows } });
      }
      case 'agent': {
        const agent = await store.getAgent(route.agentId);
        if (!agent) return agentNotFound(req, res);
        const body = { id: agent.id, name: agent.name, characterName: agent.name, bio: '', status: 'active', enabled: true };
        return sendJson(req, res, 200, { success: true, data: body });
      }
      case 'runs': {
        const runs = await store.listRuns(route.agentId);
        if (!runs) return agentNotFound(req, res);
        return sendJson(req, res, 200, { success: true, data: pageRuns(runs.map((run) => run.summary), query) });
      }
      case 'run':
        return sendRunFile(req, res, store, route.agentId, route.runId);
      case 'logs': {
        if (!(await store.getAgent(route.agentId))) return agentNotFound(req, res);
        const rows = await readAgentLogs(join(runsDir, route.agentId), query, warn);
        return sendJson(req, res, 200, { success: true, data: rows });
      }
      case 'memories': {
        // routeQuery has checked that roomId is a UUID and dropped everything else.
        if (!(await store.getAgent(route.agentId))) return agentNotFound(req, res);
        const roomId = new URLSearchParams(query).get('roomId') ?? '';
        const memories = await readAgentMemories(join(runsDir, route.agentId), roomId, warn);
        return sendJson(req, res, 200, { success: true, data: { memories } });
      }
    }
  };
}

/** The real server's filters; its wrong `total` is not copied: this one counts every match. */
export function pageRuns(runs: RunSummaryRow[], query: string) {
  const params = new URLSearchParams(query);
  const limit = Math.min(Math.max(Math.trunc(Number(params.get('limit'))) || DEFAULT_LIMIT, 1), MAX_LIMIT);
  const status = params.get('status');
  const roomId = params.get('roomId');
  const from = epochParam(params.get('from'));
  const to = epochParam(params.get('to'));

  const matching = runs
    .filter((run) => !status || !STATUSES.has(status) || run.status === status)
    .filter((run) => !roomId || run.roomId === roomId)
    .filter((run) => from === null || (run.startedAt !== null && run.startedAt >= from))
    .filter((run) => to === null || (run.startedAt !== null && run.startedAt <= to))
    .sort((a, b) => (b.startedAt ?? -Infinity) - (a.startedAt ?? -Infinity) || a.runId.localeCompare(b.runId));
  return { runs: matching.slice(0, limit), total: matching.length, hasMore: matching.length > limit };
}

function epochParam(value: string | null): number | null {
  if (value === null || value.trim() === '') return null;
  const number = Number(value);
  return Number.isFinite(number) ? number : null;
}

async function sendRunFile(req: IncomingMessage, res: ServerResponse, store: RunsStore, agentId: string, runId: string) {
  const run = await store.findRun(agentId, runId);
  if (!run) {
    if (!(await store.getAgent(agentId))) return agentNotFound(req, res);
    return sendError(req, res, 404, 'NOT_FOUND', 'Run not found');
  }
  // Opened before answering so a file deleted since the scan is a 404, not a broken stream.
  const handle = await open(run.path).catch(() => null);
  if (!handle) return sendError(req, res, 404, 'NOT_FOUND', 'Run not found');
  try {
    const { size } = await handle.stat();
    res.setHeader('Cache-Control', 'no-store');
    const body = startBody(req, res, 200, JSON_TYPE, size);
    if (req.method === 'HEAD') return void body.end();
    // Streamed as it is on disk: the browser gets the file's own shape, byte for byte.
    await pipeline(handle.createReadStream({ autoClose: false }), body);
  } finally {
    await handle.close();
  }
}

function agentNotFound(req: IncomingMessage, res: ServerResponse): void {
  sendError(req, res, 404, 'NOT_FOUND', 'Agent not found');
}
