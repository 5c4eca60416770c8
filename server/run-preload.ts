import { parseCompareParams } from '../src/lib/compare-params';
import { isValidId } from '../src/lib/ids';

// A run page's data is known from its URL, so the page's own response tells the browser to start
// fetching it right away, in parallel with the app's JavaScript, instead of after the app booted.
// The same for both runs of a comparison page. The URL, mode and credentials must be exactly those
// of the app's own fetch (src/api/queries.ts runApiPath, src/api/client.ts), or Chromium fetches twice.

const RUN_PAGE = /^\/agents\/([^/]+)\/runs\/([^/]+)\/?$/;
const COMPARE_PAGE = /^\/agents\/([^/]+)\/compare\/?$/;

/** The run a run page path (raw, still percent-encoded) and its query name, or null. */
export function runPageOf(
  path: string,
  query: string,
): { agentId: string; runId: string; roomId: string | null; params: URLSearchParams } | null {
  const run = RUN_PAGE.exec(path);
  if (!run) return null;
  const [, agentId, runId] = run;
  const params = new URLSearchParams(query);
  const roomId = params.get('roomId');
  // Only ids the page itself accepts; anything else gets the page's own "malformed link" message.
  if (!isValidId(agentId) || !isValidId(runId) || (roomId !== null && !isValidId(roomId))) return null;
  return { agentId, runId, roomId, params };
}

/**
 * The `Link` header for a run or comparison page path (raw, still percent-encoded) and its query, or
 * null. `compareCode` lists the comparison page's own scripts (`/assets/compare-page-….js`), which
 * the app would otherwise ask for only once its own code has run; they are fetched with the runs.
 */
export function runPreloadLink(path: string, query: string, compareCode: () => readonly string[] = () => []): string | null {
  const run = runPageOf(path, query);
  if (run) return preload(run.agentId, run.runId, run.roomId);
  if (RUN_PAGE.test(path)) return null;
  const compare = COMPARE_PAGE.exec(path);
  if (!compare) return null;
  const params = parseCompareParams(compare[1], new URLSearchParams(query));
  if (!params.valid) return null;
  const { a, b } = params;
  const links = [preload(a.agentId, a.runId, a.roomId), preload(b.agentId, b.runId, b.roomId)];
  // The same run on both sides is fetched once.
  return [...new Set(links), ...compareCode().map((script) => `<${script}>; rel=modulepreload; crossorigin`)].join(', ');
}

/** Ids are checked (letters, digits, `_` and `-`), so they need no encoding. */
function preload(agentId: string, runId: string, roomId: string | null): string {
  const api = `/api/agents/${agentId}/runs/${runId}${roomId ? `?roomId=${roomId}` : ''}`;
  return `<${api}>; rel=preload; as=fetch; crossorigin=anonymous`;
}

/** The comparison page's scripts in a build's assets folder (its file names, hashed), as the page asks for them. */
export function compareCodeOf(assetFiles: readonly string[]): string[] {
  return assetFiles.filter((file) => /^compare-(page|view)-[\w-]+\.js$/.test(file)).map((file) => `/assets/${file}`);
}
