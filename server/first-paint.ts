import { readFile } from 'node:fs/promises';
import { actionIdsToCheck, applyActionLog } from '../src/run/log-outcomes';
import { normalizeRun } from '../src/run/normalize';
import { BudgetCache } from './budget-cache';
import { firstPaintHtml, FIRST_PAINT_READ_BYTES } from './first-paint-html';
import { versionSize } from './run-index';
import type { RunsStore } from './runs-store';

export type FirstPaints = (agentId: string, runId: string) => Promise<string | null>;

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
