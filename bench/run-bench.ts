import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findChromium } from '../e2e/chromium';
import { startServer } from '../server/app-server';
import { ensureBuild } from './app-build';
import { parseBenchArgs, USAGE } from './bench-options';
import type { BenchResults, SizeResult } from './bench-results';
import { launch, warmServer, withTimeout, type BenchSession } from './bench-session';
import { EVENT_RUNS, ensureRuns, HUGE_RUN, SMOKE_HUGE_RUN } from './generate-runs';
import { loadNow, machineInfo } from './machine';
import { measureSize } from './measure-events';
import { measureJs } from './measure-js';
import { measurePayload } from './measure-payload';
import { writeBenchmarksMd } from './report';
import { fmt } from './stats';

// `npm run bench`: measures the run page in headless Chromium against the viewer's own server and
// generated runs of 1k/10k/100k events plus a 10 MB prompt. Writes bench/results.json and the table
// in BENCHMARKS.md. `npm run bench:smoke` (--smoke): 1k events and a 1 MB prompt, one repetition,
// results in bench/.runs/smoke-results.json; exits 1 if any stage fails, so the bench cannot rot.
// Options: see bench-options.ts (npm run bench -- --help). Measurements: measure-*.ts.

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const PROJECT_ROOT = join(BENCH_DIR, '..');
const WORK_DIR = join(BENCH_DIR, '.runs');

async function main(): Promise<void> {
  let parsed: ReturnType<typeof parseBenchArgs>;
  try {
    parsed = parseBenchArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`[bench] ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  const { help, ...options } = parsed;
  if (help) return console.log(USAGE);
  if (options.reportOnly) {
    const results = JSON.parse(readFileSync(join(BENCH_DIR, 'results.json'), 'utf8')) as BenchResults;
    console.log(
      `[bench] rewrote ${relative(PROJECT_ROOT, writeBenchmarksMd(join(PROJECT_ROOT, 'BENCHMARKS.md'), results))} from bench/results.json`,
    );
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
  if (unknownSizes.length)
    throw new Error(
      `--sizes: no generated run of ${unknownSizes.join(', ')} events (there are ${EVENT_RUNS.map((spec) => spec.key).join(', ')})`,
    );
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
  const session: BenchSession = { browser: () => browser, relaunch, baseUrl: server.url, options, log };

  try {
    const sizes: SizeResult[] = [];
    for (const run of runs.filter((candidate) => eventSpecs.some((spec) => spec.key === candidate.key))) {
      log(`${run.key} (${(run.bytes / 1e6).toFixed(1)} MB): warming the server...`);
      await warmServer(server.url + run.apiPath);
      sizes.push(await measureSize(session, run));
    }
    const payloadRun = runs.find((run) => run.key === payloadSpec.key)!;
    await warmServer(server.url + payloadRun.apiPath);
    const payload = await measurePayload(session, payloadRun);
    const js = await measureJs(
      browser,
      server.url,
      runs.find((run) => run.key === jsSpec.key)!,
      log,
    );

    const results: BenchResults = {
      command: options.smoke
        ? 'npm run bench:smoke'
        : ['npm run bench', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' '),
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

    const failures = [
      ...sizes.flatMap((size) => size.reps.flatMap((rep) => rep.failures)),
      ...payload.reps.flatMap((rep) => rep.failures),
      ...js.failures,
    ];
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

function printSummary(results: BenchResults, log: (line: string) => void): void {
  for (const size of results.sizes) {
    const m = size.median;
    log(
      `${size.key}: first rows ${fmt(m.firstRowsMs)} ms (floor ${fmt(m.floorMs)}, x${fmt(m.ratio)}), scroll p50/p95/max ${fmt(m.scrollP50)}/${fmt(m.scrollP95)}/${fmt(m.scrollMax)} ms, search ${fmt(m.searchPaintMs)} ms, typing task ${fmt(m.longestTaskWhileTypingMs)} ms, heap ${fmt(m.heapMB)} MB`,
    );
  }
  if (results.payload) log(`${results.payload.key}: open ${fmt(results.payload.median.openMs)} ms`);
}

main().catch((error: unknown) => {
  console.error(`[bench] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
});
