import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { CHROMIUM_ARGS } from '../e2e/chromium';
import type { BenchOptions, Failure } from './bench-results';
import { installProbe, NAME_SHIM, SELECTORS, waitQuiet } from './in-page';

// What every measurement shares: the browser, fresh pages with the in-page probe, loading a run
// page until its first rows, and stages that time out and record failures instead of throwing.

export const STAGE_TIMEOUT_MS = 60_000;
const VIEWPORT = { width: 1280, height: 800 };

/** What a measurement gets: the browser (replaced when a renderer freezes), the server and the options. */
export interface BenchSession {
  browser: () => Browser;
  /** Replaces a browser whose page would not close. */
  relaunch: () => Promise<void>;
  baseUrl: string;
  options: BenchOptions;
  log: (line: string) => void;
}

export class StageTimeout extends Error {}

export function launch(executablePath: string): Promise<Browser> {
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
}

/** The first request makes the server parse and index the run file; that one-off cost is not the page's. */
export async function warmServer(url: string): Promise<void> {
  const response = await fetch(url);
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
}

export async function newPage(
  browser: Browser,
): Promise<{ context: BrowserContext; page: Page; workers: { live: number; started: number } }> {
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

export async function loadRunPage(page: Page, url: string): Promise<{ firstRowsMs: number; longestTaskMs: number | null }> {
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
export async function settle(
  page: Page,
  workers: { live: number; started: number },
): Promise<{ quiet: boolean; waitedMs: number; workers: number }> {
  const start = performance.now();
  while (workers.live > 0 && performance.now() - start < 30_000) await page.waitForTimeout(100);
  const quiet = await page.evaluate(waitQuiet, { quietMs: 1_000, capMs: 20_000 });
  return { quiet: quiet.quiet && workers.live === 0, waitedMs: Math.round(performance.now() - start), workers: workers.started };
}

/**
 * Runs the stages of one page, each with its own timeout. A failure is recorded, not thrown; after a
 * timeout (the page may be frozen) or a failed load, the page's remaining stages are recorded as skipped.
 */
export function stageRunner(failures: Failure[]) {
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
      const message = timedOut
        ? `timed out after ${Math.round(timeoutMs / 1000)} s`
        : error instanceof Error
          ? error.message.split('\n')[0]
          : String(error);
      failures.push({ stage: name, error: message, timedOut });
      if (timedOut || required) haltedBy = `${name} ${timedOut ? 'timed out' : 'failed'}`;
      return null;
    }
  };
}

export function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StageTimeout(`${what} timed out after ${Math.round(ms / 1000)} s`)), ms);
  });
  // The abandoned work may reject later (its page is closed): that is expected, not unhandled.
  work.catch(() => {});
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** A frozen renderer can make closing hang: then the whole browser is replaced. */
export async function closeContext(context: BrowserContext, relaunch: () => Promise<void>): Promise<void> {
  try {
    await withTimeout(context.close(), 15_000, 'closing the page');
  } catch {
    await relaunch();
  }
}
