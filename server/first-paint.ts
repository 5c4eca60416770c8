import { readFile } from 'node:fs/promises';
import { readLogPages } from '../src/run/log-pages';
import { logsResponseSchema } from '../src/run/run-schemas';
import { actionIdsToCheck, applyActionLog } from '../src/run/log-outcomes';
import { normalizeRun } from '../src/run/normalize';
import { BudgetCache } from './budget-cache';
import { firstPaintHtml, FIRST_PAINT_READ_BYTES } from './first-paint-html';
import { versionSize } from './run-index';
import type { RunsStore } from './runs-store';
import type { Handoffs } from './upstream-handoff';

/** The first paint of a run page (its ids checked, see run-preload.ts), or null when there is none. */
export type FirstPaints = (agentId: string, runId: string, roomId: string | null) => Promise<string | null>;

/**
 * First paints of the embedded API's runs, kept while the run file and the agent's action log do
 * not change. The run is the one its page shows: with the action outcomes the log confirms.
 */
export function createFirstPaints(store: RunsStore): FirstPaints {
  const kept = new BudgetCache<string>(4 * 1024 * 1024);
  return async (agentId, runId) => {
    const indexed = await store.findRun(agentId, runId);
    if (!indexed) return null;
    // A bigger file's picture is drawn when the index reads it (run-summary.ts), off the event loop.
    if (versionSize(indexed.version) > FIRST_PAINT_READ_BYTES) return indexed.firstPaint;
    const key = `${agentId}/${runId}`;
    const log = await store.actionLog(agentId);
    const version = `${indexed.version}|${log?.version}`;
    const hit = kept.get(key, version);
    if (hit !== null) return hit;
    const text = await readFile(indexed.path, 'utf8').catch(() => null);
    if (text === null) return null;
    let run = normalizeRun(JSON.parse(text.replace(/^\uFEFF/, '')), agentId);
    if (actionIdsToCheck(run).length > 0)
      run = applyActionLog(run, log ? { state: 'done', rows: log.rows } : { state: 'failed', reason: 'the action log could not be read' });
    const html = firstPaintHtml(run);
    kept.set(key, version, html, html.length);
    return html;
  };
}

/**
 * First paints in proxy mode: the run and its action log are asked of the elizaOS server as the
 * page is answered, exactly as the page will ask for them, and the answers are handed to the
 * page's own requests (upstream-handoff.ts). Nothing is kept: a run page always shows the server's
 * run as it is now. No picture when an answer is not a plain success or is too big to hold (the
 * app then says what happened), or when the log cannot confirm the outcomes the run hides.
 */
export function createProxyFirstPaints(handoffs: Handoffs): FirstPaints {
  const read = async (path: string, query: string): Promise<unknown> => {
    const answer = await handoffs.start(path, query)?.whole();
    if (!answer || answer.status !== 200) throw new Error(`${path}: no answer to draw`);
    return JSON.parse(answer.text);
  };
  return async (agentId, runId, roomId) => {
    const query = roomId ? new URLSearchParams({ roomId }).toString() : '';
    let run = normalizeRun(await read(`/api/agents/${agentId}/runs/${runId}`, query), agentId);
    const wanted = actionIdsToCheck(run);
    if (wanted.length > 0) {
      const rows = await readLogPages(
        'action',
        run.roomId,
        wanted,
        async (page) => logsResponseSchema.parse(await read(`/api/agents/${agentId}/logs`, page)).data,
      );
      run = applyActionLog(run, { state: 'done', rows });
    }
    return firstPaintHtml(run);
  };
}
