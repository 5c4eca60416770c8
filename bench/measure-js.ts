import type { Browser } from '@playwright/test';
import { get } from 'node:http';
import type { Failure, JsFile, JsResult } from './bench-results';
import { closeContext, loadRunPage, newPage, settle, STAGE_TIMEOUT_MS, stageRunner } from './bench-session';
import type { GeneratedRun } from './generate-runs';

// The JavaScript of a first visit: what the page and its worker download, and what arrived before the first rows.

/** First visit of a run page with an empty cache: every JavaScript response, its gzip (body as sent) and decoded size. */
export async function measureJs(browser: Browser, baseUrl: string, run: GeneratedRun, log: (line: string) => void): Promise<JsResult> {
  const failures: Failure[] = [];
  const stage = stageRunner(failures);
  const { context, page, workers } = await newPage(browser);
  const workerUrls = new Set<string>();
  page.on('worker', (worker) => workerUrls.add(worker.url()));
  const pending: Promise<Omit<JsFile, 'kind' | 'beforeFirstRows'> | null>[] = [];
  context.on('response', (response) => {
    const type = response.headers()['content-type'] ?? '';
    if (!/javascript/.test(type) && !new URL(response.url()).pathname.endsWith('.js')) return;
    pending.push(
      (async () => {
        const [sizes, body] = await Promise.all([response.request().sizes(), response.body()]);
        // Chromium reports no sizes for a worker's own script: ask the server for the same bytes.
        const gzipBytes = sizes.responseBodySize > 0 || body.length === 0 ? sizes.responseBodySize : await encodedSize(response.url());
        return { path: new URL(response.url()).pathname, gzipBytes, bytes: body.length };
      })().catch(() => null),
    );
  });
  const loaded = await stage('js: first visit', STAGE_TIMEOUT_MS * 1.5, async () => {
    const { firstRowsMs } = await loadRunPage(page, baseUrl + run.path);
    await settle(page, workers);
    // Resource Timing: which scripts had arrived when the first rows were painted.
    const arrivals = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .map((entry) => [new URL(entry.name).pathname, (entry as PerformanceResourceTiming).responseEnd] as const),
    );
    return { firstRowsMs, arrivals: new Map(arrivals) };
  });
  const files = (await Promise.all(pending))
    .filter((file) => file !== null)
    .map((file): JsFile => {
      const kind = [...workerUrls].some((url) => new URL(url).pathname === file.path) ? 'worker' : 'page';
      const arrived = loaded?.arrivals.get(file.path);
      return { ...file, kind, beforeFirstRows: kind === 'page' && arrived !== undefined && loaded ? arrived <= loaded.firstRowsMs : null };
    });
  await closeContext(context, async () => {});
  const sum = (kind: JsFile['kind']) => ({
    gzipBytes: files.filter((file) => file.kind === kind).reduce((total, file) => total + file.gzipBytes, 0),
    bytes: files.filter((file) => file.kind === kind).reduce((total, file) => total + file.bytes, 0),
  });
  const result = { files, page: sum('page'), worker: sum('worker'), failures };
  log(
    `first-visit JS: page ${kB(result.page.gzipBytes)} kB gzip / ${kB(result.page.bytes)} kB, worker ${kB(result.worker.gzipBytes)} kB gzip / ${kB(result.worker.bytes)} kB`,
  );
  return result;
}

/** The body size as the server sends it to a browser that accepts gzip. */
function encodedSize(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { 'accept-encoding': 'gzip, deflate, br' } }, (response) => {
      let bytes = 0;
      response.on('data', (chunk: Buffer) => (bytes += chunk.length));
      response.on('end', () => resolve(bytes));
      response.on('error', reject);
    }).on('error', reject);
  });
}

function kB(bytes: number): string {
  return (bytes / 1024).toFixed(1);
}
