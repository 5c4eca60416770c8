import { parseCompareParams } from '../src/lib/compare-params';
import { isValidId } from '../src/lib/ids';

// A run page's data is known from its URL, so the page's own response tells the browser to start
// fetching it right away, in parallel with the app's JavaScript, instead of after the app booted.
// The same for both runs of a comparison page. The URL, mode and credentials must be exactly those
// of the app's own fetch (src/api/queries.ts runApiPath, src/api/client.ts), or Chromium fetches twice.

const RUN_PAGE = /^\/agents\/([^/]+)\/runs\/([^/]+)\/?$/;
const COMPARE_PAGE = /^\/agents\/([^/]+)\/compare\/?$/;

/** The `Link` header for a run or comparison page path (raw, still percent-encoded) and its query, or null. */
export function runPreloadLink(path: string, query: string): string | null {
  const run = RUN_PAGE.exec(path);
  if (run) {
    const [, agentId, runId] = run;
    const roomId = new URLSearchParams(query).get('roomId');
    // Only ids the page itself accepts; anything else gets the page's own "malformed link" message.
    if (!isValidId(agentId) || !isValidId(runId) || (roomId !== null && !isValidId(roomId))) return null;
    return preload(agentId, runId, roomId);
  }
  const compare = COMPARE_PAGE.exec(path);
  if (!compare) return null;
  const params = parseCompareParams(compare[1], new URLSearchParams(query));
  if (!params.valid) return null;
  const { a, b } = params;
  const links = [preload(a.agentId, a.runId, a.roomId), preload(b.agentId, b.runId, b.roomId)];
  // The same run on both sides is fetched once.
  return [...new Set(links)].join(', ');
}

/** Ids are checked (letters, digits, `_` and `-`), so they need no encoding. */
function preload(agentId: string, runId: string, roomId: string | null): string {
  const api = `/api/agents/${agentId}/runs/${runId}${roomId ? `?roomId=${roomId}` : ''}`;
  return `<${api}>; rel=preload; as=fetch; crossorigin=anonymous`;
}
