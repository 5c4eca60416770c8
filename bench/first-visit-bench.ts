import { chromium } from '@playwright/test';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS, findChromium } from '../e2e/chromium';
import { startServer } from '../server/app-server';
import { ensureBuild } from './app-build';
import {
  describeFigure,
  ensureSmallEventsRun,
  figure,
  kB,
  measureVisit,
  ms,
  writeSection,
  type Figure,
  type VisitSample,
} from './first-visit';
import { loadNow, machineInfo } from './machine';

// `npm run bench:first-visit [-- --reps N]`: cold first visits in embedded mode (issue 14).
//  - the small real run (a stock 1.7.2 REPLY run, 11 events, no reported tokens): navigation to the
//    first timeline row, JavaScript (gzip) arrived before the first rows, and in all, workers included;
//  - 100,000 events with small payloads (~12 MB, documented shape): first rows next to the fetch+parse
//    floor measured in the same page.
// Writes bench/first-visit-results.json and the `first-visit` section of BENCHMARKS.md.
// `npm run bench:compat` does the same in proxy mode in front of a real elizaOS server, with its official client.

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const PROJECT_ROOT = join(BENCH_DIR, '..');
const args = process.argv.slice(2);
const reps = Number(args[args.indexOf('--reps') + 1] || 7) || 7;

export const SMALL_RUN = {
  agentId: 'b0aec2f9-fc2e-04c1-99b1-f50283740495',
  runId: '1c5cdbc6-775b-4964-80ec-04edf1fe72a6',
  roomId: '8c804bdb-3231-0770-931b-7f1f637e3353',
};

export interface VisitSeries {
  label: string;
  /** The server's first paint of the run (server/first-paint.ts): no sample where it drew none. */
  firstPaintMs: Figure;
  firstRowsMs: Figure;
  jsBeforeFirstRowsBytes: Figure;
  jsAllBytes: Figure;
  floorMs: Figure;
  /** first rows / floor, per repetition. */
  ratio: Figure;
  scripts: VisitSample['scripts'];
}

export function series(label: string, samples: VisitSample[]): VisitSeries {
  return {
    label,
    firstPaintMs: figure(samples.map((sample) => sample.firstPaintMs)),
    firstRowsMs: figure(samples.map((sample) => sample.firstRowsMs)),
    jsBeforeFirstRowsBytes: figure(samples.map((sample) => sample.jsBeforeFirstRows)),
    jsAllBytes: figure(samples.map((sample) => sample.jsAll)),
    floorMs: figure(samples.map((sample) => sample.floorMs)),
    ratio: figure(samples.map((sample) => (sample.floorMs ? sample.firstRowsMs / sample.floorMs : null))),
    scripts: samples.at(-1)?.scripts ?? [],
  };
}

export function seriesTable(rows: VisitSeries[]): string {
  const lines = [
    '| visit | first rows drawn by the server (ms) | first row of the app (ms) | JS before first rows (kB gzip) | JS in all, workers incl. (kB gzip) | fetch+parse floor (ms) | app first rows / floor |',
    '|---|---:|---:|---:|---:|---:|---:|',
  ];
  for (const row of rows) {
    const ratio = row.ratio.median === null ? '-' : describeFigure(row.ratio, (value) => (value === null ? '-' : `${value.toFixed(2)}x`));
    lines.push(
      `| ${row.label} | ${row.firstPaintMs.median === null ? 'none' : describeFigure(row.firstPaintMs, ms)} | ${describeFigure(row.firstRowsMs, ms)} | ${describeFigure(row.jsBeforeFirstRowsBytes, kB)} | ${describeFigure(row.jsAllBytes, kB)} | ${describeFigure(row.floorMs, ms)} | ${ratio} |`,
    );
  }
  return `${lines.join('\n')}\n\nEach cell: median (min–max) of the repetitions, each a new browser context (empty cache).`;
}

export function scriptsTable(row: VisitSeries): string {
  const lines = ['| script | before first rows | gzip (kB) |', '|---|---|---:|'];
  for (const script of row.scripts)
    lines.push(
      `| \`${script.path}\`${script.worker ? ' (worker)' : ''} | ${script.beforeFirstRows ? 'yes' : 'no'} | ${kB(script.gzipBytes)} |`,
    );
  return lines.join('\n');
}

async function main() {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('No Chromium found (set CHROMIUM_PATH, or apt-get install chromium).');
  const started = performance.now();
  const loadAtStart = loadNow();
  const log = (line: string) => console.log(`[first-visit] ${line}`);
  const build = ensureBuild(PROJECT_ROOT, join(BENCH_DIR, '.runs', 'dist'), false, log);
  const runsDir = join(BENCH_DIR, '.runs', 'first-visit-runs');
  const big = ensureSmallEventsRun(runsDir);
  const samples = await startServer({ port: 0, distDir: build.distDir, warn: () => {} });
  const bigServer = await startServer({ port: 0, distDir: build.distDir, runsDir, warn: () => {} });
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
  try {
    const small: VisitSample[] = [];
    const smallUrl = `${samples.url}/agents/${SMALL_RUN.agentId}/runs/${SMALL_RUN.runId}?roomId=${SMALL_RUN.roomId}`;
    const smallApi = `${samples.url}/api/agents/${SMALL_RUN.agentId}/runs/${SMALL_RUN.runId}?roomId=${SMALL_RUN.roomId}`;
    // The server reads the folder on its first request (a server that has just started); not the page's cost.
    await (await fetch(smallApi)).arrayBuffer();
    for (let rep = 1; rep <= reps; rep++) {
      small.push(await measureVisit(browser, smallUrl, { floorUrl: smallApi }));
      log(
        `small real run, embedded, rep ${rep}: first paint ${Math.round(small.at(-1)!.firstPaintMs ?? NaN)} ms, first row ${Math.round(small.at(-1)!.firstRowsMs)} ms, JS ${kB(small.at(-1)!.jsBeforeFirstRows)} / ${kB(small.at(-1)!.jsAll)} kB`,
      );
    }
    // Warm the server's parse of the 12 MB file: its one-off cost is not the page's.
    await (await fetch(`${bigServer.url}/api${big.path}`)).arrayBuffer();
    const many: VisitSample[] = [];
    for (let rep = 1; rep <= reps; rep++) {
      many.push(await measureVisit(browser, bigServer.url + big.path, { floorUrl: `${bigServer.url}/api${big.path}` }));
      log(
        `100k small events, rep ${rep}: first rows ${Math.round(many.at(-1)!.firstRowsMs)} ms, floor ${Math.round(many.at(-1)!.floorMs ?? NaN)} ms`,
      );
    }
    const results = {
      command: `npm run bench:first-visit${args.length ? ` -- ${args.join(' ')}` : ''}`,
      date: new Date().toISOString().slice(0, 10),
      machine: machineInfo(PROJECT_ROOT, browser.version(), loadAtStart),
      build,
      bigRunBytes: big.bytes,
      small: series('small real run (11 events), embedded API', small),
      many: series(`100,000 small events (${(big.bytes / 1e6).toFixed(1)} MB), embedded API`, many),
      durationS: Math.round((performance.now() - started) / 1000),
    };
    writeFileSync(join(BENCH_DIR, 'first-visit-results.json'), `${JSON.stringify(results, null, 2)}\n`);
    const { cores, loadAverage, gitCommit } = results.machine;
    const load = `app commit \`${gitCommit.slice(0, 10)}\`; load average (1 min) ${loadAverage.start} at the start, ${loadAverage.end} at the end, on ${cores} cores`;
    const body = [
      `Produced by \`${results.command}\` on ${results.date} in ${results.durationS} s; ${load}${loadAtStart > cores ? ' (**provisional**: the machine was busy)' : ''}.`,
      '',
      seriesTable([results.small, results.many]),
      '',
      "Scripts of the small run's last visit:",
      '',
      scriptsTable(results.small),
    ].join('\n');
    log(
      `updated ${relative(
        PROJECT_ROOT,
        writeSection(join(PROJECT_ROOT, 'BENCHMARKS.md'), 'first-visit', body, (file) => readFileSync(file, 'utf8')),
      )}`,
    );
    console.log(body);
  } finally {
    await browser.close();
    await samples.close();
    await bigServer.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  mkdirSync(join(BENCH_DIR, '.runs'), { recursive: true });
  await main();
}
