import { readFolderRows, type FolderRead } from './agent-folder-json';
import { time } from './agent-logs';

// GET /api/agents/:agentId/memories?roomId= for the embedded API: the conversation around runs
// served from files, from RUNS_DIR/<agentId>/memories/*.json (each file a memories response
// `{ success, data: { memories: [...] } }` or a bare array). Like the real server, newest first;
// unlike it, only ever one room (the route requires a UUID roomId).

interface MemoryRow {
  roomId?: unknown;
  createdAt?: unknown;
}

export async function readAgentMemories(read: FolderRead, agentDir: string, roomId: string): Promise<MemoryRow[]> {
  const rows = await readFolderRows(
    read,
    agentDir,
    'memories',
    (json) => {
      const memories = Array.isArray(json) ? json : (json as { data?: { memories?: unknown } } | null)?.data?.memories;
      return Array.isArray(memories) ? memories : null;
    },
    'an array of memories or { "data": { "memories": [...] } }',
  );
  return (rows as MemoryRow[]).filter((row) => row.roomId === roomId).sort((a, b) => time(b.createdAt) - time(a.createdAt));
}
