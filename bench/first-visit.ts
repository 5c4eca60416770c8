import type { Browser, Page } from '@playwright/test';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { fetchAndParse, installProbe, NAME_SHIM, SELECTORS } from './in-page';
import { median } from './stats';

// First visits as users meet them: a cold browser context opens a run link and the time to the first
// timeline row is taken, with the JavaScript that had arrived by then and all it downloads in the
// end (workers included, after the page was scrolled to its end so every lazy chunk had its chance).
// Used by bench/first-visit-bench.ts (embedded API) and bench/compat-bench.ts (proxy mode in front of
// a real elizaOS 1.7.2 server, next to the official client).

export interface Figure {
  median: number | null;
  min: number | null;
  max: number | null;
  samples: number[];
}

export function figure(values: (number | null | undefined)[]): Figure {
  const samples = values.filter((value): value is number => typeof value === 'number' && Number.isFinite(value));
  return {
    median: median(samples),
    min: samples.length ? Math.min(...samples) : null,
    max: samples.length ? Math.max(...samples) : null,
    samples,
  };
}

export interface VisitSample {
  firstRowsMs: number;
  /** The server's first paint of the run (its rows drawn before the app's), when there was one. */
  firstPaintMs: number | null;
  /** gzip bytes of the scripts whose download had ended when the first rows were painted. */
  jsBeforeFirstRows: number;
  /** gzip bytes of every script the visit downloaded, workers' included. */
  jsAll: number;
  scripts: { path: string; gzipBytes: number; beforeFirstRows: boolean; worker: boolean }[];
  /** Fetch + JSON.parse of the run's API response in the same page, after it settled. */
  floorMs: number | null;
}

/** A cold visit: new context, `url` opened, first row timed; then scrolled to the end and left to settle. */
export async function measureVisit(browser: Browser, url: string, { floorUrl }: { floorUrl?: string } = {}): Promise<VisitSample> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
  try {
    await context.addInitScript({ content: NAME_SHIM });
    await context.addInitScript(installProbe, SELECTORS);
    const page = await context.newPage();
    const workers: string[] = [];
    page.on('worker', (worker) => workers.push(worker.url()));
    await page.goto(url, { waitUntil: 'commit', timeout: 60_000 });
    await page.waitForFunction(() => window.__bench.firstRowsAt !== null, undefined, { polling: 50, timeout: 60_000 });
    const firstRowsMs = await page.evaluate(() => window.__bench.firstRowsAt!);
    // The picture is the page's first content: its paint is the browser's first contentful paint.
    const firstPaintMs = await page.evaluate(() =>
      window.__bench.firstPaintAt === null
        ? null
        : (performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? window.__bench.firstPaintAt),
    );
    await settleAtEnd(page);
    const resources = await page.evaluate(() =>
      (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((entry) => ({
        url: entry.name,
        responseEnd: entry.responseEnd,
        encodedBodySize: entry.encodedBodySize,
      })),
    );
    const floor = floorUrl ? await page.evaluate(fetchAndParse, floorUrl).catch(() => null) : null;
    const scripts: VisitSample['scripts'] = [];
    for (const resource of resources) {
      const path = new URL(resource.url).pathname;
      if (!path.endsWith('.js') || workers.includes(resource.url)) continue;
      scripts.push({ path, gzipBytes: resource.encodedBodySize, beforeFirstRows: resource.responseEnd <= firstRowsMs, worker: false });
    }
    // A worker's script is not in the page's resource timing: its size as the server sends it.
    for (const worker of new Set(workers))
      scripts.push({ path: new URL(worker).pathname, gzipBytes: await gzipSize(worker), beforeFirstRows: false, worker: true });
    const sum = (list: typeof scripts) => list.reduce((total, script) => total + script.gzipBytes, 0);
    return {
      firstRowsMs,
      firstPaintMs,
      jsBeforeFirstRows: sum(scripts.filter((script) => script.beforeFirstRows)),
      jsAll: sum(scripts),
      scripts,
      floorMs: floor?.totalMs ?? null,
    };
  } finally {
    await context.close();
  }
}

/** Scrolls to the page's end (lazy panels load near the screen), then waits for 1.5 s without a new request. */
async function settleAtEnd(page: Page): Promise<void> {
  let last = Date.now();
  page.on('request', () => (last = Date.now()));
  for (let i = 0; i < 3; i++) {
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await page.waitForTimeout(300);
  }
  const start = Date.now();
  while (Date.now() - last < 1500 && Date.now() - start < 20_000) await page.waitForTimeout(200);
}

function gzipSize(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () => resolve(bytes));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * 100,000 events with small payloads in the documented shape (~12 MB): the per-event cost of the
 * viewer, which an 84 MB run of big prompts hides behind its download. Written once into `dir`.
 */
export function ensureSmallEventsRun(dir: string, events = 100_000): { agentId: string; runId: string; path: string; bytes: number } {
  const agentId = 'bench-small-events';
  const runId = `small-events-${events}`;
  const folder = join(dir, agentId);
  const path = join(folder, `${runId}.json`);
  const start = 1_764_000_000_000;
  if (!existsSync(path)) {
    mkdirSync(folder, { recursive: true });
    const list: unknown[] = [];
    let t = start;
    for (let i = 0; list.length < events - 1; i++) {
      const action = ['REPLY', 'SEND_MESSAGE', 'SEARCH', 'REMIND'][i % 4];
      list.push({ type: 'action:started', timestamp: (t += 3), data: { action, actionId: `a${i}` } });
      list.push({
        type: 'model:used',
        timestamp: (t += 40),
        data: {
          modelType: i % 3 ? 'text:small' : 'text:large',
          provider: 'openai',
          tokens: { prompt: 120 + (i % 50), completion: 20 + (i % 7) },
        },
      });
      if (i % 9 === 0) list.push({ type: 'model:used', timestamp: (t += 5), data: { modelType: 'text:embedding', provider: 'openai' } });
      list.push({
        type: 'action:completed',
        timestamp: (t += 2),
        data: { action, actionId: `a${i}`, success: i % 97 !== 0, ...(i % 97 === 0 ? { error: 'Timed out' } : {}) },
      });
    }
    list.length = events - 1;
    list.push({ type: 'run:completed', timestamp: (t += 1), data: {} });
    const run = { runId, agentId, status: 'completed', startTime: start, endTime: t, events: list, errors: [] };
    writeFileSync(join(folder, 'agent.json'), JSON.stringify({ name: 'Bench: small events' }));
    writeFileSync(path, JSON.stringify(run));
  }
  return { agentId, runId, path: `/agents/${agentId}/runs/${runId}`, bytes: statSync(path).size };
}

export const kB = (bytes: number | null) => (bytes === null ? '-' : (bytes / 1000).toFixed(1));
export const ms = (value: number | null) => (value === null ? '-' : Math.round(value).toLocaleString('en'));

/** `median (min-max)` */
export function describeFigure(value: Figure, format: (value: number | null) => string): string {
  return value.median === null ? '-' : `${format(value.median)} (${format(value.min)}–${format(value.max)})`;
}

/** Replaces the text between `<!-- name:start -->` and `<!-- name:end -->` in a Markdown file (appends the block when absent). */
export function writeSection(file: string, name: string, body: string, read: (file: string) => string): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const text = existsSync(file) ? read(file) : '';
  const block = `${start}\n${body.trim()}\n${end}`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  const next = from !== -1 && to > from ? text.slice(0, from) + block + text.slice(to + end.length) : `${text.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, next);
  return file;
}
