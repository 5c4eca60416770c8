import type { LogRow } from './run-schemas';

// How a run's log rows are read: the page's own query (src/api/queries.ts) and the server's first
// paint in proxy mode (server/first-paint.ts) page the same way, so the server can hand its answers
// to the page's requests (server/upstream-handoff.ts).

const LOG_PAGE = 100;
const LOG_PAGES = 5;

export type LogType = 'action' | 'embedding_event';

/** The query string of one page of the log, newest first. */
export function logPageQuery(type: LogType, roomId: string | null, page: number): string {
  const params = new URLSearchParams({ type, count: String(LOG_PAGE), offset: String(page * LOG_PAGE) });
  if (roomId) params.set('roomId', roomId);
  return params.toString();
}

/**
 * Log rows of one type for a room, newest first, paged until every wanted id (actionId or
 * memoryId) has been seen or the log ends. `readPage` reads the rows of one page's query.
 */
export async function readLogPages(
  type: LogType,
  roomId: string | null,
  wantedIds: readonly string[],
  readPage: (query: string) => Promise<LogRow[]>,
): Promise<LogRow[]> {
  const rows: LogRow[] = [];
  const missing = new Set(wantedIds);
  for (let page = 0; page < LOG_PAGES && missing.size > 0; page++) {
    const batch = await readPage(logPageQuery(type, roomId, page));
    rows.push(...batch);
    for (const row of batch) {
      const body = row.body as { actionId?: unknown; memoryId?: unknown } | null;
      missing.delete(String(body?.actionId ?? body?.memoryId ?? ''));
    }
    if (batch.length < LOG_PAGE) break;
  }
  return rows;
}
