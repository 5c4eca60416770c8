import type { Browser, BrowserContext, Page } from '@playwright/test';
import type { RepSample, ScrollSample, SearchSample, SizeResult } from './bench-results';
import { closeContext, loadRunPage, newPage, settle, STAGE_TIMEOUT_MS, stageRunner, withTimeout, type BenchSession } from './bench-session';
import type { GeneratedRun } from './generate-runs';
import {
  countRows,
  fetchAndParse,
  NAME_SHIM,
  scrollThrough,
  SELECTORS,
  waitForDomQuiet,
  waitQuiet,
  watchMutations,
  type LongTask,
} from './in-page';
import { fmt, median, percentile, round } from './stats';

// A run of many events: first rows, the fetch+parse floor, heap, scrolling and search.

const SEARCH_TERM = 'REMINDER';

/** A fresh context (empty cache) and page per repetition; a timed-out stage ends the size's repetitions. */
export async function measureSize(session: BenchSession, run: GeneratedRun): Promise<SizeResult> {
  const { browser: getBrowser, relaunch, baseUrl, options, log } = session;
  const reps: RepSample[] = [];
  let stoppedEarly: string | null = null;
  const budgetStart = performance.now();
  for (let rep = 1; rep <= options.reps; rep++) {
    if (rep > 1 && performance.now() - budgetStart > options.sizeBudgetS * 1000) {
      stoppedEarly = `stopped after ${rep - 1} of ${options.reps} repetitions: the ${options.sizeBudgetS} s time budget per size was used up`;
      break;
    }
    const sample: RepSample = {
      rep,
      firstRowsMs: null,
      longestTaskBeforeRowsMs: null,
      settle: null,
      heapMB: null,
      floor: null,
      blankFloor: null,
      scroll: null,
      search: null,
      failures: [],
    };
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
    sample.floor = await stage('fetch+parse floor', STAGE_TIMEOUT_MS, () =>
      page.evaluate(fetchAndParse, appApiUrls[0] ?? baseUrl + run.apiPath),
    );
    sample.scroll = await stage('scroll', options.scrollS * 1000 + STAGE_TIMEOUT_MS, () => measureScroll(page, options.scrollS));
    sample.search = await stage('search', STAGE_TIMEOUT_MS * 1.5, () => measureSearch(page));
    log(`${run.key} rep ${rep}: ${describeRep(sample)}`);
    const timedOut = sample.failures.find((failure) => failure.timedOut);
    await closeContext(context, relaunch);
    sample.blankFloor = await stageRunner(sample.failures)('fetch+parse floor (blank page)', STAGE_TIMEOUT_MS, () =>
      blankPageFloor(getBrowser(), baseUrl + run.apiPath),
    );
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

async function measureScroll(page: Page, scrollS: number): Promise<ScrollSample> {
  const result = await page.evaluate(scrollThrough, { timeline: SELECTORS.timeline, maxMs: scrollS * 1000 });
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
  const box = page
    .getByRole('searchbox', { name: /search/i })
    .or(page.getByRole('textbox', { name: /search events/i }))
    .first();
  return (await box.count()) > 0 ? box : null;
}

async function measureSearch(page: Page): Promise<SearchSample> {
  const box = await findSearchBox(page);
  const rowsBefore = await page.evaluate(countRows, SELECTORS);
  if (!box)
    return {
      paintMs: null,
      longestTaskWhileTypingMs: null,
      longTasksWhileTyping: 0,
      rowsBefore,
      rowsAfter: rowsBefore,
      note: 'no search box',
    };
  await box.scrollIntoViewIfNeeded();
  await page.evaluate(waitQuiet, { quietMs: 300, capMs: 10_000 });

  // Typing, a key at a time as a person types: the longest main-thread task from the first key
  // until the screen settles.
  await box.evaluate(watchMutations);
  await box.pressSequentially(SEARCH_TERM, { delay: 120 });
  await page.evaluate(waitForDomQuiet, { quietMs: 1_000, capMs: 20_000 });
  const typed = await page.evaluate((): { tasks: LongTask[]; from: number | null } => ({
    tasks: window.__bench.longTasks,
    from: window.__bench.watch?.firstKeydownAt ?? null,
  }));
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

function describeRep(sample: RepSample): string {
  const parts = [
    `first rows ${fmt(sample.firstRowsMs)} ms`,
    `floor ${fmt(sample.floor?.totalMs ?? null)} ms`,
    `heap ${fmt(sample.heapMB)} MB`,
    sample.scroll
      ? `scroll p95 ${fmt(sample.scroll.p95)} ms (${Math.round(sample.scroll.covered * 100)}% in ${Math.round(sample.scroll.elapsedMs / 1000)} s)`
      : 'scroll -',
    sample.search
      ? (sample.search.note ?? `search ${fmt(sample.search.paintMs)} ms, longest task ${fmt(sample.search.longestTaskWhileTypingMs)} ms`)
      : 'search -',
    ...sample.failures.map((failure) => `${failure.stage} failed: ${failure.error}`),
  ];
  return parts.join(', ');
}
