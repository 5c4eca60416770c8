/** The page of a run opened from a file (it is kept in memory, never in the URL). */
export const FILE_PATH = '/file';
export const FILE_COMPARE_PATH = '/file/compare';

/** The shareable path of a run page; carries roomId so the real server finds older runs. */
export function runPath(agentId: string, runId: string, roomId?: string | null): string {
  const base = `/agents/${encodeURIComponent(agentId)}/runs/${encodeURIComponent(runId)}`;
  return roomId ? `${base}?roomId=${encodeURIComponent(roomId)}` : base;
}

export function agentRunsPath(agentId: string): string {
  return `/agents/${encodeURIComponent(agentId)}/runs`;
}

export interface CompareTarget {
  agentId: string;
  runId: string;
  roomId?: string | null;
}

/**
 * The shareable path of a comparison of two runs, A and B, under A's agent; a run of another
 * agent is written `agentId:runId`. Each roomId is kept so the real server finds older runs.
 */
export function comparePath(a: CompareTarget, b: CompareTarget): string {
  const params = new URLSearchParams({ a: a.runId, b: b.agentId === a.agentId ? b.runId : `${b.agentId}:${b.runId}` });
  if (a.roomId) params.set('roomA', a.roomId);
  if (b.roomId) params.set('roomB', b.roomId);
  return `/agents/${encodeURIComponent(a.agentId)}/compare?${params}`;
}
