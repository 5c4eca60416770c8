import { isValidId } from './ids';

// The comparison link's runs, read the same way by the page and by the viewer's server (which
// starts fetching both runs with the page: server/run-preload.ts).

export interface CompareSide {
  agentId: string;
  runId: string;
  roomId: string | null;
}

export type CompareParams = { valid: true; a: CompareSide; b: CompareSide; step: string | null } | { valid: false; problem: string };

/**
 * `/agents/:agentId/compare?a=&b=&roomA=&roomB=&step=`, where `a` and `b` are run ids, or
 * `agentId:runId` for a run of another agent.
 */
export function parseCompareParams(agentId: string | undefined, params: URLSearchParams): CompareParams {
  if (!isValidId(agentId)) return { valid: false, problem: 'an invalid agent id' };
  const side = (name: 'a' | 'b', roomName: 'roomA' | 'roomB'): CompareSide | string => {
    const value = params.get(name);
    if (value === null || value === '') return `no run ${name.toUpperCase()} (the ${name}= parameter)`;
    const [first, second, ...rest] = value.split(':');
    const [sideAgent, runId] = second === undefined ? [agentId, first] : [first, second];
    if (rest.length > 0 || !isValidId(sideAgent) || !isValidId(runId))
      return `an invalid run ${name.toUpperCase()} (${name}=${value.slice(0, 80)})`;
    const roomId = params.get(roomName);
    if (roomId !== null && !isValidId(roomId)) return `an invalid ${roomName}`;
    return { agentId: sideAgent, runId, roomId };
  };
  const a = side('a', 'roomA');
  if (typeof a === 'string') return { valid: false, problem: a };
  const b = side('b', 'roomB');
  if (typeof b === 'string') return { valid: false, problem: b };
  return { valid: true, a, b, step: params.get('step') };
}
