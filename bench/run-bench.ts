import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS, findChromium } from '../e2e/chromium';
import { startServer } from '../server/app-server';
import { ensureBuild } from './app-build';
import { EVENT_RUNS, ensureRuns, HUGE_RUN, SMOKE_HUGE_RUN, type GeneratedRun } from './generate-runs';
import {
  armPointerdown,
  countRows,
  fetchAndParse,
  installProbe,
  NAME_SHIM,
  scrollThrough,
  SELECTORS,
  waitForDomQuiet,
  waitForShown,
  waitQuiet,
  watchMutations,
  type LongTask,
} from './in-page';
import { loadNow, machineInfo } from './machine';
import type {
  BenchOptions,
  BenchResults,
  Failure,
  JsFile,
  JsResult,
  PayloadResult,
  PayloadSample,
  RepSample,
  ScrollSample,
  SearchSample,
  SizeResult,
} from './bench-results';
import { writeBenchmarksMd } from './report';
import { median, percentile, round } from './stats';

// `npm run bench`: measures the run page in headless Chromium against the viewer's own server and
// generated runs of 1k/10k/100k events plus a 10 MB prompt. Writes bench/results.json and the table
// in BENCHMARKS.md. `npm run bench:smoke` (--smoke): 1k events and a 1 MB prompt, one repetition,
// results in bench/.runs/smoke-results.json; exits 1 if any stage fails, so the bench cannot rot.
// Options: --reps N, --sizes 1000,10000, --scroll-s S, --size-budget-s S, --rebuild;
// --report-only rewrites BENCHMARKS.md from bench/results.json without measuring.

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const PROJECT_ROOT = join(BENCH_DIR, '..');
const WORK_DIR = join(BENCH_DIR, '.runs');
const SEARCH_TERM = 'REMINDER';
const VIEWPORT = { width: 1280, height: 800 };

const options = parseArgs(process.argv.slice(2));
const STAGE_TIMEOUT_MS = 60_000;

class StageTimeout extends Error {}

async function main(): Promise<void> {
  if (options.reportOnly) {
    const results = JSON.parse(readFileSync(join(BENCH_DIR, 'results.json'), 'utf8')) as BenchResults;
    console.log(`[bench] rewrote ${relative(PROJECT_ROOT, writeBenchmarksMd(join(PROJECT_ROOT, 'BENCHMARKS.md'), results))} from bench/results.json`);
    return;
  }
  const started = performance.now();
  const loadAtStart = loadNow();
  const log = (line: string) => console.log(`[bench] ${line}`);
  const executablePath = findChromium();
  if (!executablePath) throw new Error('No Chromium found (set CHROMIUM_PATH, or apt-get install chromium).');

  const build = ensureBuild(PROJECT_ROOT, join(WORK_DIR, 'dist'), options.rebuild, log);
  log(`app: ${relative(PROJECT_ROOT, build.distDir)} (${build.how}${build.buildMs ? `, ${Math.round(build.buildMs / 1000)} s` : ''})`);
  const eventSpecs = EVENT_RUNS.filter((spec) => spec.kind === 'events' && options.sizes.includes(spec.events));
  const unknownSizes = options.sizes.filter((events) => !EVENT_RUNS.some((spec) => spec.kind === 'events' && spec.events === events));
  if (unknownSizes.length) throw new Error(`--sizes: no generated run of ${unknownSizes.join(', ')} events (there are ${EVENT_RUNS.map((spec) => spec.key).join(', ')})`);
  const payloadSpec = options.smoke ? SMOKE_HUGE_RUN : HUGE_RUN;
  // The JavaScript of a first visit is measured on the smallest run, whatever sizes are benchmarked.
  const jsSpec = EVENT_RUNS[0];
  const runs = ensureRuns(join(WORK_DIR, 'runs'), [...new Set([...eventSpecs, payloadSpec, jsSpec])], log);
  const server = await startServer({ port: 0, host: '127.0.0.1', runsDir: join(WORK_DIR, 'runs'), distDir: build.distDir, warn: log });
  let browser = await launch(executablePath);
  const relaunch = async () => {
    await withTimeout(browser.close(), 15_000, 'closing the browser').catch(() => {});
    browser = await launch(executablePath);
  };

  try {
    const sizes: SizeResult[] = [];
    for (const run of runs.filter((candidate) => eventSpecs.some((spec) => spec.key === candidate.key))) {
      log(`${run.key} (${(run.bytes / 1e6).toFixed(1)} MB): warming the server...`);
      await warmServer(server.url + run.apiPath);
      sizes.push(await measureSize(() => browser, relaunch, server.url, run, log));
    }
    const payloadRun = runs.find((run) => run.key === payloadSpec.key)!;
    await warmServer(server.url + payloadRun.apiPath);
    const payload = await measurePayload(() => browser, relaunch, server.url, payloadRun, log);
    const js = await measureJs(browser, server.url, runs.find((run) => run.key === jsSpec.key)!, log);

    const results: BenchResults = {
      command: options.smoke ? 'npm run bench:smoke' : ['npm run bench', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' '),
      smoke: options.smoke,
      options,
      machine: machineInfo(PROJECT_ROOT, browser.version(), loadAtStart),
      build,
      runs,
      sizes,
      payload,
      js,
      durationS: Math.round((performance.now() - started) / 1000),
    };
    const resultsPath = options.smoke ? join(WORK_DIR, 'smoke-results.json') : join(BENCH_DIR, 'results.json');
    mkdirSync(dirname(resultsPath), { recursive: true });
    writeFileSync(resultsPath, `${JSON.stringify(results, null, 2)}\n`);
    log(`wrote ${relative(PROJECT_ROOT, resultsPath)}`);
    if (!options.smoke) log(`updated ${relative(PROJECT_ROOT, writeBenchmarksMd(join(PROJECT_ROOT, 'BENCHMARKS.md'), results))}`);
    printSummary(results, log);

    const failures = [...sizes.flatMap((size) => size.reps.flatMap((rep) => rep.failures)), ...(payload.reps.flatMap((rep) => rep.failures)), ...js.failures];
    if (failures.length) {
      log(`${failures.length} stage(s) failed:`);
      for (const failure of failures) log(`  ${failure.stage}: ${failure.error}`);
      if (options.smoke) process.exitCode = 1;
    }
    log(`done in ${results.durationS} s`);
  } finally {
    await withTimeout(browser.close(), 15_000, 'closing the browser').catch(() => {});
    await server.close();
  }
}

function launch(executablePath: string): Promise<Browser> {
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
}

/** The first request makes the server parse and index the run file; that one-off cost is not the page's. */
async function warmServer(url: string): Promise<void> {
  const response = await fetch(url);
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
}

async function newPage(browser: Browser): Promise<{ context: BrowserContext; page: Page; workers: { live: number; started: number } }> {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  await context.addInitScript({ content: NAME_SHIM });
  await context.addInitScript(installProbe, SELECTORS);
  const page = await context.newPage();
  const workers = { live: 0, started: 0 };
  page.on('worker', (worker) => {
    workers.live++;
    workers.started++;
    worker.on('close', () => workers.live--);
  });
  return { context, page, workers };
}

/** A fresh context (empty cache) and page per repetition; a timed-out stage ends the size's repetitions. */
async function measureSize(getBrowser: () => Browser, relaunch: () => Promise<void>, baseUrl: string, run: GeneratedRun, log: (line: string) => void): Promise<SizeResult> {
  const reps: RepSample[] = [];
  let stoppedEarly: string | null = null;
  const budgetStart = performance.now();
  for (let rep = 1; rep <= options.reps; rep++) {
    if (rep > 1 && performance.now() - budgetStart > options.sizeBudgetS * 1000) {
      stoppedEarly = `stopped after ${rep - 1} of ${options.reps} repetitions: the ${options.sizeBudgetS} s time budget per size was used up`;
      break;
    }
    const sample: RepSample = { rep, firstRowsMs: null, longestTaskBeforeRowsMs: null, settle: null, heapMB: null, floor: null, blankFloor: null, scroll: null, search: null, failures: [] };
    reps.push(sample);
    const { context, page, workers } = await newPage(getBrowser());
    const stage = stageRunner(sample.failures);
    const appApiUrls: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === run.apiPath.split('?')[0]) appApiUrls.push(request.url());
    });
    const load = await stage('first rows', STAGE_TIMEOUT_MS, () => loadRunPage(page, baseUrl + run.path), { required: true });
    sample.firstRowsMs = load?.firstRowsMs ?? null;
    sample.longestTaskBeforeRowsMs = load?.longestTaskMs ?? null;
    sample.settle = await stage('settle', STAGE_TIMEOUT_MS, () => settle(page, workers));
    sample.heapMB = await stage('heap', STAGE_TIMEOUT_MS, () => heapAfterGc(context, page));
    sample.floor = await stage('fetch+parse floor', STAGE_TIMEOUT_MS, () => page.evaluate(fetchAndParse, appApiUrls[0] ?? baseUrl + run.apiPath));
    sample.scroll = await stage('scroll', options.scrollS * 1000 + STAGE_TIMEOUT_MS, () => measureScroll(page));
    sample.search = await stage('search', STAGE_TIMEOUT_MS * 1.5, () => measureSearch(page));
    log(`${run.key} rep ${rep}: ${describeRep(sample)}`);
    const timedOut = sample.failures.find((failure) => failure.timedOut);
    await closeContext(context, relaunch);
    sample.blankFloor = await stageRunner(sample.failures)('fetch+parse floor (blank page)', STAGE_TIMEOUT_MS, () => blankPageFloor(getBrowser(), baseUrl + run.apiPath));
    if (timedOut) {
      if (rep < options.reps) stoppedEarly = `stopped after repetition ${rep}: ${timedOut.stage} ${timedOut.error}`;
      break;
    }
  }

  const searchSamples = reps.map((rep) => rep.search).filter((search) => search !== null);
  const firstRowsMs = median(reps.map((rep) => rep.firstRowsMs));
  const floorMs = median(reps.map((rep) => rep.floor?.totalMs));
  return {
    key: run.key,
    events: run.events,
    bytes: run.bytes,
    repsPlanned: options.reps,
    reps,
    stoppedEarly,
    median: {
      firstRowsMs: round(firstRowsMs),
      floorMs: round(floorMs),
      blankFloorMs: round(median(reps.map((rep) => rep.blankFloor?.totalMs))),
      // Per repetition, then the median: both figures come from the same page.
      ratio: round(median(reps.map((rep) => (rep.firstRowsMs !== null && rep.floor ? rep.firstRowsMs / rep.floor.totalMs : null))), 2),
      scrollP50: round(median(reps.map((rep) => rep.scroll?.p50))),
      scrollP95: round(median(reps.map((rep) => rep.scroll?.p95))),
      scrollMax: round(median(reps.map((rep) => rep.scroll?.max))),
      scrollCovered: round(median(reps.map((rep) => rep.scroll?.covered)), 3),
      searchPaintMs: round(median(searchSamples.map((search) => search.paintMs))),
      longestTaskWhileTypingMs: round(median(searchSamples.map((search) => search.longestTaskWhileTypingMs))),
      heapMB: round(median(reps.map((rep) => rep.heapMB))),
    },
    searchNote: searchSamples.find((search) => search.note)?.note ?? null,
  };
}

async function loadRunPage(page: Page, url: string): Promise<{ firstRowsMs: number; longestTaskMs: number | null }> {
  // 'commit': the page's own probe decides when rows are there, even if the main thread is busy.
  await page.goto(url, { waitUntil: 'commit', timeout: STAGE_TIMEOUT_MS });
  await page.waitForFunction(() => window.__bench.firstRowsAt !== null, undefined, { polling: 100, timeout: STAGE_TIMEOUT_MS });
  return page.evaluate(() => {
    const at = window.__bench.firstRowsAt!;
    const tasks = window.__bench.longTasks.filter((task) => task.start < at);
    return { firstRowsMs: at, longestTaskMs: tasks.length ? Math.max(...tasks.map((task) => task.duration)) : 0 };
  });
}

/** Lets the page finish what it does after the first rows: running workers end, then 1 s of frames without a long gap. */
async function settle(page: Page, workers: { live: number; started: number }): Promise<{ quiet: boolean; waitedMs: number; workers: number }> {
  const start = performance.now();
  while (workers.live > 0 && performance.now() - start < 30_000) await page.waitForTimeout(100);
  const quiet = await page.evaluate(waitQuiet, { quietMs: 1_000, capMs: 20_000 });
  return { quiet: quiet.quiet && workers.live === 0, waitedMs: Math.round(performance.now() - start), workers: workers.started };
}

async function blankPageFloor(browser: Browser, apiUrl: string): Promise<RepSample['blankFloor']> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await context.addInitScript({ content: NAME_SHIM });
    await page.goto(new URL('/favicon.svg', apiUrl).href);
    return await page.evaluate(fetchAndParse, apiUrl);
  } finally {
    await withTimeout(context.close(), 15_000, 'closing the page').catch(() => {});
  }
}

/** CDP: a full garbage collection first, then the main thread's JSHeapUsedSize (workers not included). */
async function heapAfterGc(context: BrowserContext, page: Page): Promise<number> {
  const cdp = await context.newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('Performance.enable');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const used = metrics.find((metric) => metric.name === 'JSHeapUsedSize');
    if (!used) throw new Error('Performance.getMetrics has no JSHeapUsedSize');
    return round(used.value / 1024 / 1024, 1)!;
  } finally {
    await cdp.detach().catch(() => {});
  }
}

async function measureScroll(page: Page): Promise<ScrollSample> {
  const result = await page.evaluate(scrollThrough, { timeline: SELECTORS.timeline, maxMs: options.scrollS * 1000 });
  return {
    scroller: result.scroller,
    p50: round(percentile(result.frameMs, 50)),
    p95: round(percentile(result.frameMs, 95)),
    max: round(percentile(result.frameMs, 100)),
    frames: result.frameMs.length,
    elapsedMs: Math.round(result.elapsedMs),
    covered: round(result.covered, 3)!,
    reachedEnd: result.reachedEnd,
    frameMs: result.frameMs.map((ms) => round(ms, 2)!),
  };
}

/** The search box, by role and name; null when the page has none. */
async function findSearchBox(page: Page) {
  const box = page.getByRole('searchbox', { name: /search/i }).or(page.getByRole('textbox', { name: /search events/i })).first();
  return (await box.count()) > 0 ? box : null;
}

async function measureSearch(page: Page): Promise<SearchSample> {
  const box = await findSearchBox(page);
  const rowsBefore = await page.evaluate(countRows, SELECTORS);
  if (!box) return { paintMs: null, longestTaskWhileTypingMs: null, longTasksWhileTyping: 0, rowsBefore, rowsAfter: rowsBefore, note: 'no search box' };
  await box.scrollIntoViewIfNeeded();
  await page.evaluate(waitQuiet, { quietMs: 300, capMs: 10_000 });

  // Typing, a key at a time as a person types: the longest main-thread task from the first key
  // until the screen settles.
  await box.evaluate(watchMutations);
  await box.pressSequentially(SEARCH_TERM, { delay: 120 });
  await page.evaluate(waitForDomQuiet, { quietMs: 1_000, capMs: 20_000 });
  const typed = await page.evaluate((): { tasks: LongTask[]; from: number | null } => ({ tasks: window.__bench.longTasks, from: window.__bench.watch?.firstKeydownAt ?? null }));
  const typingTasks = typed.from === null ? [] : typed.tasks.filter((task) => task.start >= typed.from!);

  // Back to the full list, then the whole term at once: input event to the frame after the last change.
  await box.fill('');
  await page.evaluate(waitForDomQuiet, { quietMs: 1_000, capMs: 20_000 });
  await page.evaluate(waitQuiet, { quietMs: 300, capMs: 10_000 });
  await box.evaluate(watchMutations);
  await box.fill(SEARCH_TERM);
  const settled = await page.evaluate(waitForDomQuiet, { quietMs: 1_000, capMs: 20_000 });
  const watch = await page.evaluate(() => window.__bench.watch!);
  const rowsAfter = await page.evaluate(countRows, SELECTORS);
  let paintMs: number | null = null;
  let note: string | null = null;
  if (!settled.quiet) note = 'the screen kept changing for 20 s after typing';
  else if (watch.firstInputAt === null) note = 'typing produced no input event';
  else if (watch.lastMutationAt === null || watch.lastMutationAt < watch.firstInputAt) note = 'nothing on screen changed after typing';
  else paintMs = round(watch.lastPaintAt! - watch.firstInputAt);
  return {
    paintMs,
    longestTaskWhileTypingMs: typingTasks.length ? round(Math.max(...typingTasks.map((task) => task.duration))) : 0,
    longTasksWhileTyping: typingTasks.length,
    rowsBefore,
    rowsAfter,
    note,
  };
}

/** The huge payload: first rows, then clicking the event's toggle until its JSON tree is painted. */
async function measurePayload(getBrowser: () => Browser, relaunch: () => Promise<void>, baseUrl: string, run: GeneratedRun, log: (line: string) => void): Promise<PayloadResult> {
  const reps: PayloadSample[] = [];
  let stoppedEarly: string | null = null;
  for (let rep = 1; rep <= options.reps; rep++) {
    const sample: PayloadSample = { rep, firstRowsMs: null, openMs: null, failures: [] };
    reps.push(sample);
    const { context, page, workers } = await newPage(getBrowser());
    const stage = stageRunner(sample.failures);
    const load = await stage('payload: first rows', STAGE_TIMEOUT_MS, () => loadRunPage(page, baseUrl + run.path), { required: true });
    sample.firstRowsMs = load?.firstRowsMs ?? null;
    await stage('payload: settle', STAGE_TIMEOUT_MS, () => settle(page, workers));
    sample.openMs = await stage('payload: open', STAGE_TIMEOUT_MS, () => openHugePayload(page));
    log(`${run.key} rep ${rep}: first rows ${fmt(sample.firstRowsMs)} ms, open ${fmt(sample.openMs)} ms${sample.failures.map((failure) => `, ${failure.stage} failed: ${failure.error}`).join('')}`);
    const timedOut = sample.failures.find((failure) => failure.timedOut);
    await closeContext(context, relaunch);
    if (timedOut) {
      if (rep < options.reps) stoppedEarly = `stopped after repetition ${rep}: ${timedOut.stage} ${timedOut.error}`;
      break;
    }
  }
  return {
    key: run.key,
    bytes: run.bytes,
    reps,
    stoppedEarly,
    median: { firstRowsMs: round(median(reps.map((rep) => rep.firstRowsMs))), openMs: round(median(reps.map((rep) => rep.openMs))) },
  };
}

async function openHugePayload(page: Page): Promise<number> {
  // The run has one TEXT_LARGE call: the one with the huge prompt. Its toggle names the model type.
  const toggle = page.locator(SELECTORS.timeline).getByRole('button', { name: /TEXT_LARGE/, expanded: false }).first();
  await toggle.scrollIntoViewIfNeeded();
  const payloadId = await toggle.getAttribute('aria-controls');
  if (!payloadId) throw new Error('the TEXT_LARGE toggle has no aria-controls');
  await page.evaluate(waitQuiet, { quietMs: 300, capMs: 10_000 });
  await page.evaluate(armPointerdown);
  await toggle.click();
  const shownAt = await page.evaluate(waitForShown, { id: payloadId, capMs: STAGE_TIMEOUT_MS - 5_000 });
  if (shownAt === null) throw new Error(`#${payloadId} did not show within ${(STAGE_TIMEOUT_MS - 5_000) / 1000} s`);
  const pressedAt = await page.evaluate(() => window.__bench.watch?.firstInputAt ?? null);
  if (pressedAt === null) throw new Error('no pointerdown was seen');
  return round(shownAt - pressedAt)!;
}

/** First visit of a run page with an empty cache: every JavaScript response, its gzip (body as sent) and decoded size. */
async function measureJs(browser: Browser, baseUrl: string, run: GeneratedRun, log: (line: string) => void): Promise<JsResult> {
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
    const arrivals = await page.evaluate(() => performance.getEntriesByType('resource').map((entry) => [new URL(entry.name).pathname, (entry as PerformanceResourceTiming).responseEnd] as const));
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
  log(`first-visit JS: page ${kB(result.page.gzipBytes)} kB gzip / ${kB(result.page.bytes)} kB, worker ${kB(result.worker.gzipBytes)} kB gzip / ${kB(result.worker.bytes)} kB`);
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

/**
 * Runs the stages of one page, each with its own timeout. A failure is recorded, not thrown; after a
 * timeout (the page may be frozen) or a failed load, the page's remaining stages are recorded as skipped.
 */
function stageRunner(failures: Failure[]) {
  let haltedBy: string | null = null;
  return async <T>(name: string, timeoutMs: number, work: () => Promise<T>, { required = false } = {}): Promise<T | null> => {
    if (haltedBy) {
      failures.push({ stage: name, error: `skipped: ${haltedBy}`, timedOut: false });
      return null;
    }
    try {
      return await withTimeout(work(), timeoutMs, name);
    } catch (error) {
      const timedOut = error instanceof StageTimeout || (error instanceof Error && error.name === 'TimeoutError');
      const message = timedOut ? `timed out after ${Math.round(timeoutMs / 1000)} s` : error instanceof Error ? error.message.split('\n')[0] : String(error);
      failures.push({ stage: name, error: message, timedOut });
      if (timedOut || required) haltedBy = `${name} ${timedOut ? 'timed out' : 'failed'}`;
      return null;
    }
  };
}

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StageTimeout(`${what} timed out after ${Math.round(ms / 1000)} s`)), ms);
  });
  // The abandoned work may reject later (its page is closed): that is expected, not unhandled.
  work.catch(() => {});
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** A frozen renderer can make closing hang: then the whole browser is replaced. */
async function closeContext(context: BrowserContext, relaunch: () => Promise<void>): Promise<void> {
  try {
    await withTimeout(context.close(), 15_000, 'closing the page');
  } catch {
    await relaunch();
  }
}

function describeRep(sample: RepSample): string {
  const parts = [
    `first rows ${fmt(sample.firstRowsMs)} ms`,
    `floor ${fmt(sample.floor?.totalMs ?? null)} ms`,
    `heap ${fmt(sample.heapMB)} MB`,
    sample.scroll ? `scroll p95 ${fmt(sample.scroll.p95)} ms (${Math.round(sample.scroll.covered * 100)}% in ${Math.round(sample.scroll.elapsedMs / 1000)} s)` : 'scroll -',
    sample.search ? (sample.search.note ?? `search ${fmt(sample.search.paintMs)} ms, longest task ${fmt(sample.search.longestTaskWhileTypingMs)} ms`) : 'search -',
    ...sample.failures.map((failure) => `${failure.stage} failed: ${failure.error}`),
  ];
  return parts.join(', ');
}

function printSummary(results: BenchResults, log: (line: string) => void): void {
  for (const size of results.sizes) {
    const m = size.median;
    log(
      `${size.key}: first rows ${fmt(m.firstRowsMs)} ms (floor ${fmt(m.floorMs)}, x${fmt(m.ratio)}), scroll p50/p95/max ${fmt(m.scrollP50)}/${fmt(m.scrollP95)}/${fmt(m.scrollMax)} ms, search ${fmt(m.searchPaintMs)} ms, typing task ${fmt(m.longestTaskWhileTypingMs)} ms, heap ${fmt(m.heapMB)} MB`,
    );
  }
  if (results.payload) log(`${results.payload.key}: open ${fmt(results.payload.median.openMs)} ms`);
}

function fmt(value: number | null | undefined): string {
  return value === null || value === undefined ? '-' : String(Math.round(value * 10) / 10);
}

function kB(bytes: number): string {
  return (bytes / 1024).toFixed(1);
}

function parseArgs(args: string[]): BenchOptions {
  const smoke = args.includes('--smoke');
  const value = (name: string): string | null => {
    const index = args.indexOf(name);
    return index >= 0 && index + 1 < args.length ? args[index + 1] : null;
  };
  const number = (name: string, fallback: number) => {
    const raw = value(name);
    if (raw === null) return fallback;
    const parsed = Number(raw);
    if (!Number.isFinite(parsed) || parsed <= 0) throw new Error(`${name} needs a positive number, got ${raw}`);
    return parsed;
  };
  return {
    smoke,
    reps: Math.round(number('--reps', smoke ? 1 : 5)),
    sizes: smoke ? [1_000] : (value('--sizes')?.split(',').map(Number) ?? [1_000, 10_000, 100_000]),
    scrollS: number('--scroll-s', smoke ? 3 : 10),
    sizeBudgetS: number('--size-budget-s', 150),
    rebuild: args.includes('--rebuild'),
    reportOnly: args.includes('--report-only'),
  };
}

main().catch((error: unknown) => {
  console.error(`[bench] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
});
