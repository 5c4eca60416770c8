import { ID_PATTERN, UUID_PATTERN } from '../src/lib/ids';

// The read-only /api routes the viewer knows, shared by the embedded API and the proxy, so both
// refuse the same path tricks before anything touches the disk or the network.

export type ApiRoute =
  | { kind: 'agents' }
  | { kind: 'agent'; agentId: string }
  | { kind: 'runs'; agentId: string }
  | { kind: 'run'; agentId: string; runId: string }
  | { kind: 'logs'; agentId: string }
  | { kind: 'memories'; agentId: string };

export type RouteMatch =
  | { ok: true; route: ApiRoute }
  | { ok: false; status: 400; code: 'INVALID_PATH' | 'INVALID_ID'; message: string }
  | { ok: false; status: 404 };

/** `path` is the raw request path (no query), still percent-encoded. */
export function matchApiRoute(path: string): RouteMatch {
  if (isPathTrick(path)) return { ok: false, status: 400, code: 'INVALID_PATH', message: 'Invalid request path' };
  const parts = path.split('/').slice(1);
  if (parts.includes('')) return { ok: false, status: 404 };
  if (parts[0] !== 'api' || parts[1] !== 'agents') return { ok: false, status: 404 };
  const [, , agentId, section, runId, ...rest] = parts;
  if (rest.length > 0) return { ok: false, status: 404 };
  if (agentId === undefined) return { ok: true, route: { kind: 'agents' } };
  if (section !== undefined && section !== 'runs' && section !== 'logs' && section !== 'memories') return { ok: false, status: 404 };
  if ((section === 'logs' || section === 'memories') && runId !== undefined) return { ok: false, status: 404 };
  if (!ID_PATTERN.test(agentId)) return invalidId('agent');
  if (section === undefined) return { ok: true, route: { kind: 'agent', agentId } };
  if (section === 'logs') return { ok: true, route: { kind: 'logs', agentId } };
  if (section === 'memories') return { ok: true, route: { kind: 'memories', agentId } };
  if (runId === undefined) return { ok: true, route: { kind: 'runs', agentId } };
  if (!ID_PATTERN.test(runId)) return invalidId('run');
  return { ok: true, route: { kind: 'run', agentId, runId } };
}

function invalidId(which: 'agent' | 'run'): RouteMatch {
  return { ok: false, status: 400, code: 'INVALID_ID', message: `Invalid ${which} ID format` };
}

/** Anything that could make the path mean something else once decoded or resolved upstream. */
function isPathTrick(path: string): boolean {
  if (!path.startsWith('/') || path.includes('//') || path.includes('\\')) return true;
  if (/%(2f|5c|2e|00)/i.test(path)) return true;
  return path.split('/').some((segment) => segment === '.' || segment === '..');
}

/** The query parameters each route reads; nothing else is forwarded or looked at. */
const ROUTE_PARAMS: Record<ApiRoute['kind'], readonly string[]> = {
  agents: [],
  agent: [],
  runs: ['limit', 'status', 'roomId', 'from', 'to'],
  run: ['roomId'],
  logs: ['type', 'roomId', 'count', 'offset'],
  // Without roomId the real server returns every memory of the agent, from every room, and
  // tableName reaches other tables: roomId is required and nothing else passes.
  memories: ['roomId'],
};

const MAX_PARAM_LENGTH = 200;

export type QueryCheck = { ok: true; query: string } | { ok: false; code: 'INVALID_QUERY'; message: string };

/**
 * The route's own parameters from a raw query, each once (the first), re-encoded. Parameters the
 * route does not read are dropped; the memories route refuses to answer without a UUID roomId.
 */
export function routeQuery(route: ApiRoute, rawQuery: string): QueryCheck {
  const given = new URLSearchParams(rawQuery);
  const kept = new URLSearchParams();
  for (const name of ROUTE_PARAMS[route.kind]) {
    const value = given.get(name);
    if (value !== null && value.length <= MAX_PARAM_LENGTH) kept.set(name, value);
  }
  if (route.kind === 'memories' && !UUID_PATTERN.test(kept.get('roomId') ?? '')) {
    return { ok: false, code: 'INVALID_QUERY', message: 'roomId is required and must be a UUID' };
  }
  return { ok: true, query: kept.toString() };
}
