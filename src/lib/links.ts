/** The page of a run opened from a file (it is kept in memory, never in the URL). */
export const FILE_PATH = '/file';

/** The shareable path of a run page; carries roomId so the real server finds older runs. */
export function runPath(agentId: string, runId: string, roomId?: string | null): string {
  const base = `/agents/${encodeURIComponent(agentId)}/runs/${encodeURIComponent(runId)}`;
  return roomId ? `${base}?roomId=${encodeURIComponent(roomId)}` : base;
}

export function agentRunsPath(agentId: string): string {
  return `/agents/${encodeURIComponent(agentId)}/runs`;
}
