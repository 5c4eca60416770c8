import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

// GET /api/agents/:agentId/memories?roomId=<uuid> in embedded mode: the conversation around a run,
// from RUNS_DIR/<agentId>/memories/*.json (each file a real memories response
// `{ success, data: { memories } }` or a bare array). routeQuery (api-routes.ts) allows the route,
// here and in proxy mode, only with a room UUID and nothing else.

interface Memory {
  roomId?: unknown;
  createdAt?: unknown;
}

/** The room's memories, newest first, like the real server. `roomId` is checked already. */
export async function readAgentMemories(agentDir: string, roomId: string, warn: (line: string) => void): Promise<Memory[]> {
  const dir = join(agentDir, 'memories');
  const names = await readdir(dir).catch(() => [] as string[]);
  const memories: Memory[] = [];
  for (const name of names.filter((file) => file.endsWith('.json')).sort()) {
    const path = join(dir, name);
    try {
      const json: unknown = JSON.parse(await readFile(path, 'utf8'));
      const list = Array.isArray(json) ? json : (json as { data?: { memories?: unknown } } | null)?.data?.memories;
      if (!Array.isArray(list)) throw new Error('expected an array of memories or { "data": { "memories": [...] } }');
      memories.push(...list.filter((memory): memory is Memory => typeof memory === 'object' && memory !== null && (memory as Memory).roomId === roomId));
    } catch (error) {
      warn(`elizaOS Run Viewer: skipping memories file ${path}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return memories.sort((a, b) => time(b.createdAt) - time(a.createdAt));
}

function time(value: unknown): number {
  const parsed = typeof value === 'number' ? value : typeof value === 'string' ? Date.parse(value) : NaN;
  return Number.isNaN(parsed) ? 0 : parsed;
}
