import { chromium, type Browser } from '@playwright/test';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS, findChromium } from '../e2e/chromium';
import { startServer } from '../server/app-server';
import { ensureBuild } from './app-build';
import { describeFigure, figure, measureVisit, ms, writeSection, type VisitSample } from './first-visit';
import { scriptsTable, series, seriesTable, SMALL_RUN } from './first-visit-bench';
import { installProbe, NAME_SHIM } from './in-page';
import { loadNow, machineInfo } from './machine';

// `npm run bench:compat [-- --reps N]`: the viewer next to the official elizaOS client, in one run.
// Starts a real elizaOS 1.7.2 server (compat/, `npm ci --prefix compat` first) with its web client
// (ELIZA_UI_ENABLE=true) and the compat scenarios, and the viewer in proxy mode in front of it.
// The official client shows the agent's newest run first (chat page, Timeline tab), so both open that
// run: ours from its link, theirs from the agent's chat page with the Timeline tab open (as a user who
// left it open finds it). Each is timed from navigation to its first row / span on screen, cold cache.
// Writes bench/compat-results.json and the `compat` section of BENCHMARKS.md.

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const PROJECT_ROOT = join(BENCH_DIR, '..');
const args = process.argv.slice(2);
const reps = Number(args[args.indexOf('--reps') + 1] || 7) || 7;

/** Navigation to the official client's first span card of the selected (newest) run. */
async function measureOfficialClient(
  browser: Browser,
  baseUrl: string,
  agentId: string,
  runId: string,
): Promise<{ firstSpanMs: number; shownRun: string }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
  try {
    await context.addInitScript({ content: NAME_SHIM });
    // Its own keys: the agent panel open on the Timeline tab.
    await context.addInitScript((id) => {
      localStorage.setItem('eliza-agent-tab-states', JSON.stringify({ [id]: 'timeline' }));
      localStorage.setItem('eliza-agent-sidebar-visible', 'true');
    }, agentId);
    // The same probe as for the viewer, watching for the first span card (role treeitem) anywhere.
    await context.addInitScript(installProbe, { timeline: 'body', row: '[role="treeitem"]' });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/chat/${agentId}`, { waitUntil: 'commit', timeout: 60_000 });
    await page.waitForFunction(() => window.__bench.firstRowsAt !== null, undefined, { polling: 50, timeout: 60_000 });
    const firstSpanMs = await page.evaluate(() => window.__bench.firstRowsAt!);
    const shownRun =
      (await page
        .getByText(/^Run [0-9a-f]{8}$/)
        .first()
        .textContent({ timeout: 10_000 })
        .catch(() => null)) ?? '?';
    if (!runId.startsWith(shownRun.replace('Run ', ''))) throw new Error(`the official client showed ${shownRun}, not run ${runId}`);
    return { firstSpanMs, shownRun };
  } finally {
    await context.close();
  }
}

/**
 * The official client's list now and then names another run first (seen once in 6 repetitions): that
 * visit is not of our run, so it is taken again, at most twice more.
 */
async function measureOfficialClientAgain(browser: Browser, baseUrl: string, agentId: string, runId: string) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await measureOfficialClient(browser, baseUrl, agentId, runId);
    } catch (error) {
      if (attempt === 3 || !String(error).includes('the official client showed')) throw error;
      console.log(`[compat-bench] ${String(error)}; measuring that visit again`);
    }
  }
}

async function main() {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('No Chromium found (set CHROMIUM_PATH, or apt-get install chromium).');
  if (!existsSync(join(PROJECT_ROOT, 'compat', 'node_modules', '@elizaos', 'server'))) {
    throw new Error('The real elizaOS server is not installed: run `npm ci --prefix compat` first (about 450 MB).');
  }
  const started = performance.now();
  const loadAtStart = loadNow();
  const log = (line: string) => console.log(`[compat-bench] ${line}`);
  const build = ensureBuild(PROJECT_ROOT, join(BENCH_DIR, '.runs', 'dist'), false, log);
  const { startElizaServer } = await import('../compat/eliza-process');
  const { createScenarioRuns } = await import('../compat/scenarios');
  log('starting a real elizaOS 1.7.2 server with its web client, and its scenario runs (1-2 min)...');
  const eliza = await startElizaServer({ webClient: true, logFile: join(BENCH_DIR, '.runs', 'compat-eliza.log'), startTimeoutMs: 180_000 });
  const viewers: Awaited<ReturnType<typeof startServer>>[] = [];
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
  try {
    const manifest = await createScenarioRuns(eliza.baseUrl);
    const agentId = manifest.agentId;
    const newest = (await (await fetch(`${eliza.baseUrl}/api/agents/${agentId}/runs?limit=1`)).json()) as {
      data: { runs: { runId: string; roomId?: string }[] };
    };
    const { runId, roomId } = newest.data.runs[0];
    const proxy = await startServer({ port: 0, distDir: build.distDir, elizaServerUrl: eliza.baseUrl, warn: () => {} });
    const embedded = await startServer({ port: 0, distDir: build.distDir, warn: () => {} });
    viewers.push(proxy, embedded);

    const room = roomId ? `?roomId=${roomId}` : '';
    const ours: VisitSample[] = [];
    const oursEmbedded: VisitSample[] = [];
    const theirs: number[] = [];
    // Interleaved, so a busy moment on the machine hits both alike.
    for (let rep = 1; rep <= reps; rep++) {
      ours.push(
        await measureVisit(browser, `${proxy.url}/agents/${agentId}/runs/${runId}${room}`, {
          floorUrl: `${proxy.url}/api/agents/${agentId}/runs/${runId}${room}`,
        }),
      );
      const official = await measureOfficialClientAgain(browser, eliza.baseUrl, agentId, runId);
      theirs.push(official.firstSpanMs);
      oursEmbedded.push(
        await measureVisit(browser, `${embedded.url}/agents/${SMALL_RUN.agentId}/runs/${SMALL_RUN.runId}?roomId=${SMALL_RUN.roomId}`, {
          floorUrl: `${embedded.url}/api/agents/${SMALL_RUN.agentId}/runs/${SMALL_RUN.runId}?roomId=${SMALL_RUN.roomId}`,
        }),
      );
      log(
        `rep ${rep}: viewer (proxy) ${Math.round(ours.at(-1)!.firstRowsMs)} ms, official client ${Math.round(official.firstSpanMs)} ms, viewer (embedded) ${Math.round(oursEmbedded.at(-1)!.firstRowsMs)} ms`,
      );
    }
    const proxySeries = series(`run ${runId.slice(0, 8)} (newest), viewer in proxy mode`, ours);
    const embeddedSeries = series('small real run (11 events), viewer with its embedded API', oursEmbedded);
    const official = figure(theirs);
    const ratio = figure(ours.map((sample, index) => (theirs[index] ? theirs[index] / sample.firstRowsMs : null)));
    const machine = machineInfo(PROJECT_ROOT, browser.version(), loadAtStart);
    const command = `npm run bench:compat${args.length ? ` -- ${args.join(' ')}` : ''}`;
    const durationS = Math.round((performance.now() - started) / 1000);
    writeFileSync(
      join(BENCH_DIR, 'compat-results.json'),
      `${JSON.stringify({ command, machine, build, runId, proxy: proxySeries, embedded: embeddedSeries, official, ratio, durationS }, null, 2)}\n`,
    );
    const busy = machine.loadAverage.start > machine.cores ? ' (**provisional**: the machine was busy)' : '';
    const body = [
      `Produced by \`${command}\` on ${machine.date.slice(0, 10)} in ${durationS} s against a real elizaOS 1.7.2 server; app commit \`${machine.gitCommit.slice(0, 10)}\`; load average (1 min) ${machine.loadAverage.start} at the start, ${machine.loadAverage.end} at the end, on ${machine.cores} cores${busy}.`,
      '',
      seriesTable([proxySeries, embeddedSeries]),
      '',
      '| the same run, navigation to its first row / span | median (min–max), ms |',
      '|---|---:|',
      `| this viewer, proxy mode | ${describeFigure(proxySeries.firstRowsMs, ms)} |`,
      `| official elizaOS client (chat page, Timeline tab) | ${describeFigure(official, ms)} |`,
      `| official / viewer, per repetition | ${describeFigure(ratio, (value) => (value === null ? '-' : `${value.toFixed(2)}x`))} |`,
      '',
      'Scripts of the proxy-mode visit (the last repetition):',
      '',
      scriptsTable(proxySeries),
    ].join('\n');
    log(
      `updated ${relative(
        PROJECT_ROOT,
        writeSection(join(PROJECT_ROOT, 'BENCHMARKS.md'), 'compat', body, (file) => readFileSync(file, 'utf8')),
      )}`,
    );
    console.log(body);
  } finally {
    await browser.close();
    for (const viewer of viewers) await viewer.close();
    await eliza.stop();
  }
}

await main();
