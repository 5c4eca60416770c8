import { chromium } from '@playwright/test';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS, findChromium } from '../e2e/chromium';
import { startServer } from '../server/app-server';
import { installProbe, NAME_SHIM, waitQuiet } from './in-page';
import { loadNow } from './machine';
import { median } from './stats';

// The comparison page on two runs of N events each (10,000; 1,000 with --smoke), served by the
// viewer's own server from generated files: the time from navigation until the aligned steps are on
// screen (the first animation frame with a step in the list, as the page's own probe sees it), and
// the longest main-thread task (Long Tasks API) until then and until the page is quiet. Run B
// differs from A the way real pairs do: a few calls added and removed, an action that failed,
// prompts that changed.
// `npm run bench` runs it after the run-page benchmark; writes bench/compare-results.json
// (bench/.runs/compare-smoke-results.json with --smoke). Exits 1 when a repetition fails.

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const smoke = process.argv.includes('--smoke');
const EVENTS = smoke ? 1_000 : 10_000;
const REPS = smoke ? 1 : 5;
const AGENT = 'compare-bench';

interface Rep {
  readyMs: number | null;
  /** Until the steps are on screen. */
  longestTaskMs: number | null;
  /** Until the page is quiet (500 ms without a long frame) after that. */
  settledTaskMs: number | null;
  steps: number | null;
  error: string | null;
}

/** A run of about `events` events: rounds of a model call then an action with a nested call. */
function generateRun(runId: string, events: number, variant: 'a' | 'b'): unknown {
  const start = 1_796_000_000_000 + (variant === 'b' ? 3_600_000 : 0);
  const list: { type: string; timestamp: number; data: Record<string, unknown> }[] = [];
  let t = start;
  const add = (type: string, data: Record<string, unknown>) => list.push({ type, timestamp: (t += 7), data });
  add('RUN_STARTED', { source: 'bench' });
  for (let round = 0; list.length < events - 1; round++) {
    // B: every 500th round asks the model once more; every 700th lacks its embedding.
    if (variant === 'b' && round % 500 === 250)
      add('MODEL_USED', { modelType: 'TEXT_SMALL', provider: 'bench', executionTime: 40, prompt: `extra check ${round}`, response: 'ok' });
    const city = variant === 'b' && round % 300 === 0 ? 'Lyon' : 'Paris';
    const prompt = `<task>Answer round ${round}.</task>\n<providers>\n# About\n${'Background line.\n'.repeat(20)}# Conversation\nUser: weather in ${city}?\n</providers>`;
    add('MODEL_USED', {
      modelType: 'TEXT_LARGE',
      provider: 'bench',
      executionTime: 300,
      prompt,
      response: `<response>round ${round}</response>`,
      usage: { prompt_tokens: 400, completion_tokens: 20, total_tokens: 420 },
    });
    if (!(variant === 'b' && round % 700 === 350)) add('EMBEDDING_EVENT', { status: 'completed', memoryId: `m${round}`, durationMs: 3 });
    const actionId = `${variant}-action-${round}`;
    add('ACTION_STARTED', { actionId, actionName: 'REPLY' });
    add('MODEL_USED', {
      modelType: 'TEXT_SMALL',
      provider: 'bench',
      executionTime: 80,
      actionContext: { actionId },
      prompt: `reply ${round}`,
      response: 'ok',
    });
    const failed = variant === 'b' && round % 1000 === 500;
    add('ACTION_COMPLETED', {
      actionId,
      actionName: 'REPLY',
      success: !failed,
      ...(failed ? { error: 'bench failure' } : { result: { text: 'ok' } }),
    });
  }
  add('RUN_ENDED', { status: 'completed', durationMs: t - start });
  return {
    success: true,
    data: { summary: { runId, status: 'completed', startedAt: start, endedAt: t, durationMs: t - start, roomId: null }, events: list },
  };
}

async function main() {
  const runsDir = join(BENCH_DIR, '.runs', 'compare-runs');
  rmSync(runsDir, { recursive: true, force: true });
  mkdirSync(join(runsDir, AGENT), { recursive: true });
  const idA = `bench-a-${EVENTS}`;
  const idB = `bench-b-${EVENTS}`;
  writeFileSync(join(runsDir, AGENT, 'a.json'), JSON.stringify(generateRun(idA, EVENTS, 'a')));
  writeFileSync(join(runsDir, AGENT, 'b.json'), JSON.stringify(generateRun(idB, EVENTS, 'b')));

  const executablePath = findChromium();
  if (!executablePath) throw new Error('No Chromium found (set CHROMIUM_PATH).');
  const server = await startServer({ port: 0, host: '127.0.0.1', runsDir });
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
  const loadAtStart = loadNow();
  const reps: Rep[] = [];
  try {
    const url = `${server.url}/agents/${AGENT}/compare?a=${idA}&b=${idB}`;
    // The server parses each run file once; that one-off cost is not the page's.
    await Promise.all([idA, idB].map(async (id) => (await fetch(`${server.url}/api/agents/${AGENT}/runs/${id}`)).arrayBuffer()));
    for (let rep = 0; rep < REPS; rep++) reps.push(await measure(browser, url));
  } finally {
    await browser.close();
    await server.close();
  }

  const result = {
    command: smoke ? 'npm run bench:smoke' : 'npm run bench',
    date: new Date().toISOString(),
    events: EVENTS,
    loadAverage: { start: loadAtStart, end: loadNow() },
    reps,
    median: {
      readyMs: median(reps.map((rep) => rep.readyMs)),
      longestTaskMs: median(reps.map((rep) => rep.longestTaskMs)),
      settledTaskMs: median(reps.map((rep) => rep.settledTaskMs)),
    },
  };
  const out = smoke ? join(BENCH_DIR, '.runs', 'compare-smoke-results.json') : join(BENCH_DIR, 'compare-results.json');
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  console.log(
    `compare ${EVENTS.toLocaleString('en')} + ${EVENTS.toLocaleString('en')} events: aligned steps on screen after ${result.median.readyMs} ms (median of ${REPS}), longest task ${result.median.longestTaskMs} ms (${result.median.settledTaskMs} ms until quiet); load ${loadAtStart} → ${result.loadAverage.end}`,
  );
  if (reps.some((rep) => rep.error)) {
    console.error(
      reps
        .map((rep) => rep.error)
        .filter(Boolean)
        .join('\n'),
    );
    process.exit(1);
  }
}

/** What the page's probe sees: aligned steps under the list named "Aligned steps". */
const PROBE_SELECTORS = { timeline: 'ol[aria-label="Aligned steps"]', row: 'li' };

async function measure(browser: import('@playwright/test').Browser, url: string): Promise<Rep> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript({ content: NAME_SHIM });
  // The page's own probe times the first animation frame with a step in the list: Playwright's own
  // polling backs off to 500 ms, which once made this figure step by half seconds.
  await context.addInitScript(installProbe, PROBE_SELECTORS);
  const page = await context.newPage();
  try {
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForFunction(() => window.__bench.firstRowsAt !== null, undefined, { polling: 100, timeout: 60_000 });
    const ready = await page.evaluate(() => {
      const at = window.__bench.firstRowsAt!;
      const before = window.__bench.longTasks.filter((task) => task.start < at);
      const steps = Number(document.querySelector('ol[aria-label="Aligned steps"] li')?.getAttribute('aria-setsize') ?? NaN);
      return {
        readyMs: Math.round(at),
        longestTaskMs: before.length ? Math.round(Math.max(...before.map((task) => task.duration))) : 0,
        steps,
      };
    });
    // What follows the first screen (token estimates arriving, the list measuring its rows) counts too.
    await page.evaluate(waitQuiet, { quietMs: 500, capMs: 5_000 });
    const settledTaskMs = await page.evaluate(() => Math.round(Math.max(0, ...window.__bench.longTasks.map((task) => task.duration))));
    return { ...ready, settledTaskMs, error: null };
  } catch (error) {
    return {
      readyMs: null,
      longestTaskMs: null,
      settledTaskMs: null,
      steps: null,
      error: error instanceof Error ? error.message.split('\n')[0] : String(error),
    };
  } finally {
    await context.close();
  }
}

await main();
