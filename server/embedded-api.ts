import type { IncomingMessage, ServerResponse } from 'node:http';
import { readAgentLogs } from './agent-logs';
import { readAgentMemories } from './agent-memories';
import type { ApiRoute } from './api-routes';
import { JSON_TYPE, sendError, sendJson } from './api-responses';
import { preparedBody, sendPrepared, type PreparedBody } from './gzip-body';
import { createRunFiles, type SendRunFile } from './run-file';
import type { RunsStore, RunSummaryRow } from './runs-store';

// The runs API served from files, in the real elizaOS 1.7.2 envelope and error formats.

const STATUSES = new Set(['started', 'completed', 'timeout', 'error']);
const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 100;
/** Distinct list queries whose answers are kept, per version of an agent's list. */
const KEPT_PAGES = 64;

export type EmbeddedApi = (req: IncomingMessage, res: ServerResponse, route: ApiRoute, query: string) => Promise<void>;

export function createEmbeddedApi(store: RunsStore): EmbeddedApi {
  const sendRunFile = createRunFiles();
  const listPage = createListPages();
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
        return sendPrepared(req, res, 200, JSON_TYPE, listPage(runs, query));
      }
      case 'run':
        return answerRun(req, res, store, sendRunFile, route.agentId, route.runId);
      case 'logs': {
        const dir = await store.agentDir(route.agentId);
        if (!dir) return agentNotFound(req, res);
        return sendJson(req, res, 200, { success: true, data: await readAgentLogs(store.folderRead, dir, query) });
      }
      case 'memories': {
        const dir = await store.agentDir(route.agentId);
        if (!dir) return agentNotFound(req, res);
        const roomId = new URLSearchParams(query).get('roomId') ?? '';
        return sendJson(req, res, 200, { success: true, data: { memories: await readAgentMemories(store.folderRead, dir, roomId) } });
      }
    }
  };
}

/**
 * The answer to a list query, made once per version of the agent's list (the store hands out the
 * same array until a run changes): every tab polling the runs page, and every connection of a
 * load test, is then sent the same bytes instead of filtering 10,000 rows and serialising a page
 * each time. `query` is already reduced to the route's own parameters (routeQuery).
 */
function createListPages(): (runs: readonly RunSummaryRow[], query: string) => PreparedBody {
  const pages = new WeakMap<readonly RunSummaryRow[], Map<string, PreparedBody>>();
  return (runs, query) => {
    let kept = pages.get(runs);
    if (!kept) pages.set(runs, (kept = new Map()));
    let page = kept.get(query);
    if (!page) {
      page = preparedBody(Buffer.from(JSON.stringify({ success: true, data: pageRuns(runs, query) })));
      if (kept.size >= KEPT_PAGES) kept.delete(kept.keys().next().value!);
      kept.set(query, page);
    }
    return page;
  };
}

/** The real server's filters; its wrong `total` is not copied: this one counts every match. */
export function pageRuns(runs: readonly RunSummaryRow[], query: string) {
  const params = new URLSearchParams(query);
  const limit = Math.min(Math.max(Math.trunc(Number(params.get('limit'))) || DEFAULT_LIMIT, 1), MAX_LIMIT);
  const status = params.get('status');
  const roomId = params.get('roomId');
  const from = epochParam(params.get('from'));
  const to = epochParam(params.get('to'));

  // Already newest first (the index keeps them sorted): one pass, no sort per request.
  const filtered = (status && STATUSES.has(status)) || roomId || from !== null || to !== null;
  const matching = !filtered
    ? runs
    : runs.filter(
        (run) =>
          (!status || !STATUSES.has(status) || run.status === status) &&
          (!roomId || run.roomId === roomId) &&
          (from === null || (run.startedAt !== null && run.startedAt >= from)) &&
          (to === null || (run.startedAt !== null && run.startedAt <= to)),
      );
  return { runs: matching.slice(0, limit), total: matching.length, hasMore: matching.length > limit };
}

function epochParam(value: string | null): number | null {
  if (value === null || value.trim() === '') return null;
  const number = Number(value);
  return Number.isFinite(number) ? number : null;
}

async function answerRun(
  req: IncomingMessage,
  res: ServerResponse,
  store: RunsStore,
  sendRunFile: SendRunFile,
  agentId: string,
  runId: string,
) {
  const run = await store.findRun(agentId, runId);
  if (run && (await sendRunFile(req, res, run))) return;
  // Deleted since the index saw it: look again next time.
  if (run) store.invalidate(agentId);
  if (!(await store.agentDir(agentId))) return agentNotFound(req, res);
  return sendError(req, res, 404, 'NOT_FOUND', 'Run not found');
}

function agentNotFound(req: IncomingMessage, res: ServerResponse): void {
  sendError(req, res, 404, 'NOT_FOUND', 'Agent not found');
}
