// A run page's data is known from its URL, so the page's own response tells the browser to start
// fetching it right away, in parallel with the app's JavaScript, instead of after the app booted.
// The URL, mode and credentials must be exactly those of the app's own fetch (src/api/queries.ts
// runApiPath, src/api/client.ts), or Chromium fetches twice.

const ID = /^[A-Za-z0-9_-]{1,128}$/;
const RUN_PAGE = /^\/agents\/([^/]+)\/runs\/([^/]+)\/?$/;

/** The `Link` header for a run page path (raw, still percent-encoded) and its query, or null. */
export function runPreloadLink(path: string, query: string): string | null {
  const match = RUN_PAGE.exec(path);
  if (!match) return null;
  const [, agentId, runId] = match;
  const roomId = new URLSearchParams(query).get('roomId');
  // Only ids the page itself accepts; anything else gets the page's own "malformed link" message.
  if (!ID.test(agentId) || !ID.test(runId) || (roomId !== null && !ID.test(roomId))) return null;
  const api = `/api/agents/${agentId}/runs/${runId}${roomId ? `?roomId=${roomId}` : ''}`;
  return `<${api}>; rel=preload; as=fetch; crossorigin=anonymous`;
}
