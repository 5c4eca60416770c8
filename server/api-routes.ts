import { ID_PATTERN } from './http-util';

// The read-only /api routes the viewer knows, shared by the embedded API and the proxy, so both
// refuse the same path tricks before anything touches the disk or the network.

export type ApiRoute =
  | { kind: 'agents' }
  | { kind: 'agent'; agentId: string }
  | { kind: 'runs'; agentId: string }
  | { kind: 'run'; agentId: string; runId: string }
  | { kind: 'logs'; agentId: string };

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
  if (section !== undefined && section !== 'runs' && section !== 'logs') return { ok: false, status: 404 };
  if (section === 'logs' && runId !== undefined) return { ok: false, status: 404 };
  if (!ID_PATTERN.test(agentId)) return invalidId('agent');
  if (section === undefined) return { ok: true, route: { kind: 'agent', agentId } };
  if (section === 'logs') return { ok: true, route: { kind: 'logs', agentId } };
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
