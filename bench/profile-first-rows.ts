import { chromium, type Page } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS, findChromium } from '../e2e/chromium';
import { startServer } from '../server/app-server';
import { installProbe, NAME_SHIM, SELECTORS } from './in-page';

// `npm run bench:profile -- <run page path> [--runs-dir DIR] [--eliza-url URL] [--reps N]`: opens a run page
// in a cold browser context with a Chrome trace, and prints where the time to the first timeline row went
// (network timings from Resource Timing, main-thread time by trace event from the trace). The last trace is
// written to bench/.runs/first-rows-trace.json (open it in chrome://tracing or the Performance panel).

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const PROJECT_ROOT = join(BENCH_DIR, '..');

const args = process.argv.slice(2);
const flag = (name: string) => {
  const at = args.indexOf(name);
  return at === -1 ? undefined : args.splice(at, 2)[1];
};
const runsDir = flag('--runs-dir');
const elizaServerUrl = flag('--eliza-url');
const reps = Number(flag('--reps') ?? 5);
const pagePath =
  args[0] ??
  '/agents/b0aec2f9-fc2e-04c1-99b1-f50283740495/runs/1c5cdbc6-775b-4964-80ec-04edf1fe72a6?roomId=8c804bdb-3231-0770-931b-7f1f637e3353';

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  tid: number;
  pid: number;
  args?: { data?: { url?: string; functionName?: string } };
}

const TOP_LEVEL = new Set(['RunTask', 'ThreadControllerImpl::RunTask']);
const NAMED = [
  'ParseHTML',
  'EvaluateScript',
  'v8.compile',
  'v8.compileModule',
  'v8.evaluateModule',
  'CompileScript',
  'FunctionCall',
  'TimerFire',
  'EventDispatch',
  'FireAnimationFrame',
  'UpdateLayoutTree',
  'Layout',
  'Paint',
  'PrePaint',
  'Layerize',
  'v8.parseOnBackground',
  'MinorGC',
  'MajorGC',
  'ResourceReceivedData',
  'ParseAuthorStyleSheet',
  'XHRReadyStateChange',
  'RunMicrotasks',
  'V8.GCScavenger',
  'v8.run',
];

async function main() {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('No Chromium found');
  const server = await startServer({ port: 0, runsDir, elizaServerUrl, distDir: join(PROJECT_ROOT, 'dist'), warn: () => {} });
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
  const firstRows: number[] = [];
  try {
    for (let rep = 1; rep <= reps; rep++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      await context.addInitScript({ content: NAME_SHIM });
      await context.addInitScript(installProbe, SELECTORS);
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      const events: TraceEvent[] = [];
      cdp.on('Tracing.dataCollected', ({ value }) => events.push(...(value as unknown as TraceEvent[])));
      const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
      await cdp.send('Tracing.start', {
        traceConfig: {
          includedCategories: [
            'devtools.timeline',
            'disabled-by-default-devtools.timeline',
            'v8',
            'v8.execute',
            'blink.user_timing',
            'loading',
            'toplevel',
          ],
        },
        transferMode: 'ReportEvents',
      });
      await page.goto(server.url + pagePath, { waitUntil: 'commit' });
      await page.waitForFunction(() => window.__bench.firstRowsAt !== null, undefined, { polling: 50, timeout: 30_000 });
      const timing = await page.evaluate(readTimings);
      await cdp.send('Tracing.end');
      await done;
      firstRows.push(timing.firstRowsAt);
      console.log(`rep ${rep}: first row ${timing.firstRowsAt.toFixed(0)} ms`);
      for (const line of timing.lines) console.log(`  ${line}`);
      console.log(`  main thread until the first row, by trace event (self time, ms): ${mainThreadBreakdown(events, timing.firstRowsAt)}`);
      if (rep === reps) {
        const out = join(BENCH_DIR, '.runs', 'first-rows-trace.json');
        mkdirSync(dirname(out), { recursive: true });
        writeFileSync(out, JSON.stringify({ traceEvents: events }));
        console.log(`trace: ${relative(PROJECT_ROOT, out)}`);
      }
      await logConsole(page);
      await context.close();
    }
    const sorted = [...firstRows].sort((a, b) => a - b);
    console.log(
      `first row: median ${sorted[Math.floor(sorted.length / 2)].toFixed(0)} ms, min ${sorted[0].toFixed(0)}, max ${sorted.at(-1)!.toFixed(0)} (${reps} cold visits)`,
    );
  } finally {
    await browser.close();
    await server.close();
  }
}

async function logConsole(page: Page) {
  void page;
}

/** In the page: navigation and resource timings up to the first row. */
function readTimings() {
  const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
  const lines = [
    `document: request ${nav.requestStart.toFixed(0)}, response ${nav.responseStart.toFixed(0)}-${nav.responseEnd.toFixed(0)}, DOMContentLoaded ${nav.domContentLoadedEventEnd.toFixed(0)}`,
  ];
  for (const entry of performance.getEntriesByType('resource') as PerformanceResourceTiming[]) {
    const path = new URL(entry.name).pathname;
    lines.push(
      `${entry.initiatorType} ${path.length > 60 ? `${path.slice(0, 57)}...` : path}: start ${entry.startTime.toFixed(0)}, response ${entry.responseStart.toFixed(0)}-${entry.responseEnd.toFixed(0)}, ${entry.transferSize} B`,
    );
  }
  return { firstRowsAt: window.__bench.firstRowsAt!, lines };
}

/** Self time on the renderer main thread by trace event name, from navigation to the first row. */
function mainThreadBreakdown(events: TraceEvent[], firstRowsAt: number): string {
  const nav = events.find((event) => event.name === 'navigationStart' || event.name === 'NavigationStartToLargestContentfulPaint::Start');
  const main = events.find(
    (event) =>
      event.name === 'thread_name' &&
      (event as unknown as { args: { name: string } }).args.name === 'CrRendererMain' &&
      events.some((other) => other.pid === event.pid && other.name === 'ParseHTML'),
  );
  if (!nav || !main) return 'no trace';
  const end = nav.ts + firstRowsAt * 1000;
  const slices = events
    .filter(
      (event) =>
        event.pid === main.pid &&
        event.tid === main.tid &&
        event.ph === 'X' &&
        event.dur !== undefined &&
        event.ts >= nav.ts &&
        event.ts < end,
    )
    .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const self = new Map<string, number>();
  const stack: TraceEvent[] = [];
  let busy = 0;
  for (const slice of slices) {
    while (stack.length && stack.at(-1)!.ts + stack.at(-1)!.dur! <= slice.ts) stack.pop();
    const parent = stack.at(-1);
    if (!parent && TOP_LEVEL.has(slice.name)) busy += slice.dur!;
    const name = NAMED.includes(slice.name) ? slice.name : 'other';
    self.set(name, (self.get(name) ?? 0) + slice.dur!);
    if (parent) {
      const parentName = NAMED.includes(parent.name) ? parent.name : 'other';
      self.set(parentName, (self.get(parentName) ?? 0) - slice.dur!);
    }
    stack.push(slice);
  }
  const parts = [...self]
    .filter(([, us]) => us > 2000)
    .sort((a, b) => b[1] - a[1])
    .map(([name, us]) => `${name} ${(us / 1000).toFixed(0)}`);
  return `busy ${(busy / 1000).toFixed(0)} of ${firstRowsAt.toFixed(0)}: ${parts.join(', ')}`;
}

await main();
