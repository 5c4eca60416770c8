import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

// `npm run bench:server`: load on the viewer's Node server with autocannon, the server in its own
// process (so its RSS is its own). Scenarios: the embedded API on one small run; on a folder of
// 10,000 runs (one run GET, and the runs list); the proxy in front of a local stand-in upstream.
// Reports req/s, p50 and p99 latency as the load tool sees it, the server's own time per request
// (from its request event to the whole answer handed to the response) and its event loop delay, errors,
// and the server's RSS before, at peak and after;
// writes bench/server-results.json and the table in BENCHMARKS.md between the server-load markers.
// Options: --duration S (20), --connections N (50), --runs N (10000), --smoke (3 s, 10 connections,
// 1,000 runs, results to bench/.runs/, BENCHMARKS.md untouched; exits 1 on any error or non-2xx).

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const PROJECT_ROOT = join(BENCH_DIR, '..');
const SAMPLE = join(PROJECT_ROOT, 'server', 'sample-runs', 'b0aec2f9-fc2e-04c1-99b1-f50283740495', 'run-detail-reply-action.json');

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '20' },
    connections: { type: 'string', default: '50' },
    runs: { type: 'string', default: '10000' },
    smoke: { type: 'boolean', default: false },
  },
});
const smoke = values.smoke;
const duration = smoke ? 3 : Number(values.duration);
const connections = smoke ? 10 : Number(values.connections);
const runCount = smoke ? 1000 : Number(values.runs);

interface Measured {
  scenario: string;
  path: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /**
   * Inside the server: from its request event to the whole answer handed to the response (end()).
   * What is left of p50/p99 is waiting: in the load tool, in the sockets, for a CPU (2 shared cores).
   */
  serverP50Ms: number;
  serverP99Ms: number;
  /** How late the server's event loop ran a 1 ms timer, p99: long tasks on the loop show here. */
  loopDelayP99Ms: number;
  errors: number;
  non2xx: number;
  rssBeforeMb: number;
  rssPeakMb: number;
  rssAfterMb: number;
  /** Server CPU time (user + system) per answered request: steadier than latency on a shared machine. */
  cpuMsPerRequest: number;
  /**
   * Share of one core busy, over the run: the server's process, and this one (the load tool). On 2
   * cores a tool near 100% is what bounds req/s, and so latency (50 connections / req/s).
   */
  serverCpuPercent: number;
  toolCpuPercent: number;
  target?: { p99Ms: number; rssMb: number };
}

interface Started {
  child: ChildProcess;
  url: string;
  /** The next line the process prints that starts with `prefix`. */
  nextLine(prefix: string): Promise<string>;
}

/** Starts the viewer (or the stand-in upstream) in its own Node process; resolves with its URL. */
function startProcess(script: string, env: Record<string, string>): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const waiting: Array<{ prefix: string; found: (line: string) => void }> = [];
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    const lines = out.split('\n');
    out = lines.pop()!;
    for (const line of lines) {
      const at = waiting.findIndex(({ prefix }) => line.startsWith(prefix));
      if (at !== -1) waiting.splice(at, 1)[0].found(line);
    }
  });
  const nextLine = (prefix: string) => new Promise<string>((found) => waiting.push({ prefix, found }));
  return new Promise((found, fail) => {
    nextLine('http://127.0.0.1:').then((url) => found({ child, url: url.trim(), nextLine }), fail);
    child.on('exit', (code) => fail(new Error(`process exited with ${code} before it listened`)));
  });
}

/**
 * Added to the viewer's process: its own time per request and its event loop delay, from Node's
 * diagnostics channel for requests (nothing in the server changes). SIGUSR2 prints them and starts afresh.
 */
const SERVER_TIMING = `
  const { subscribe } = await import('node:diagnostics_channel');
  const { createHistogram, monitorEventLoopDelay } = await import('node:perf_hooks');
  const served = createHistogram();
  const loopDelay = monitorEventLoopDelay({ resolution: 1 });
  loopDelay.enable();
  // To 'prefinish': the whole answer handed to the response (end()), before the socket drains it,
  // which waits on the load tool reading it.
  subscribe('http.server.request.start', ({ response }) => {
    const at = process.hrtime.bigint();
    response.once('prefinish', () => served.record(Math.max(1, Number((process.hrtime.bigint() - at) / 1000n))));
  });
  process.on('SIGUSR2', () => {
    const ms = (microseconds) => Math.round(microseconds / 10) / 100;
    console.log('timing ' + JSON.stringify({
      serverP50Ms: ms(served.percentile(50)),
      serverP99Ms: ms(served.percentile(99)),
      loopDelayP99Ms: ms(loopDelay.percentile(99) / 1000),
    }));
    served.reset();
    loopDelay.reset();
  });`;

async function serverTiming(viewer: Started): Promise<Pick<Measured, 'serverP50Ms' | 'serverP99Ms' | 'loopDelayP99Ms'>> {
  const line = viewer.nextLine('timing ');
  viewer.child.kill('SIGUSR2');
  return JSON.parse((await line).slice('timing '.length));
}

const VIEWER = `${SERVER_TIMING}
  const { startServer } = await import('./server/app-server.ts');
  const server = await startServer({
    port: 0,
    runsDir: process.env.BENCH_RUNS_DIR || undefined,
    elizaServerUrl: process.env.BENCH_UPSTREAM || undefined,
    distDir: process.env.BENCH_DIST,
    warn: () => {},
  });
  console.log(server.url);`;

/** A stand-in elizaOS server: every run GET answers the same real run, like a warm server would. */
const UPSTREAM = `
  import { createServer } from 'node:http';
  import { readFileSync } from 'node:fs';
  const body = readFileSync(process.env.BENCH_SAMPLE);
  const server = createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': body.length });
    res.end(body);
  });
  server.listen(0, '127.0.0.1', () => console.log('http://127.0.0.1:' + server.address().port));`;

/** User + system CPU time of a process, in ms (from /proc, in clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  await exited;
}

async function measure(
  scenario: string,
  viewer: Started,
  paths: string[],
  { target, headers = {} }: { target?: Measured['target']; headers?: Record<string, string> } = {},
): Promise<Measured> {
  const { url: baseUrl } = viewer;
  const pid = viewer.child.pid!;
  // Warm-up: the first requests build the index and load the code; they are not counted.
  for (const path of paths.slice(0, 3)) await fetch(baseUrl + path, { headers }).then((res) => res.arrayBuffer());
  await new Promise((done) => setTimeout(done, 500));
  await serverTiming(viewer);
  const rssBeforeMb = rssMb(pid);
  let rssPeakMb = rssBeforeMb;
  const sampler = setInterval(() => (rssPeakMb = Math.max(rssPeakMb, rssMb(pid))), 100);
  let next = 0;
  const cpuBefore = cpuMs(pid);
  const toolCpuBefore = cpuMs(process.pid);
  const wallBefore = performance.now();
  const result = await autocannon({
    url: baseUrl,
    connections,
    duration,
    headers,
    requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length] }) }],
  });
  clearInterval(sampler);
  const cpuUsed = cpuMs(pid) - cpuBefore;
  const wallMs = performance.now() - wallBefore;
  const toolCpuUsed = cpuMs(process.pid) - toolCpuBefore;
  const timing = await serverTiming(viewer);
  await new Promise((done) => setTimeout(done, 2000));
  const measured: Measured = {
    scenario,
    path: paths.length === 1 ? paths[0] : `${paths[0]} (and ${paths.length - 1} others, in turn)`,
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    ...timing,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    rssBeforeMb: Math.round(rssBeforeMb),
    rssPeakMb: Math.round(rssPeakMb),
    rssAfterMb: Math.round(rssMb(pid)),
    cpuMsPerRequest: Math.round((cpuUsed / Math.max(1, result.requests.total)) * 100) / 100,
    serverCpuPercent: Math.round((cpuUsed / wallMs) * 100),
    toolCpuPercent: Math.round((toolCpuUsed / wallMs) * 100),
    target,
  };
  console.log(
    `${scenario}: ${measured.requestsPerSecond} req/s, p50 ${measured.p50Ms} ms, p99 ${measured.p99Ms} ms, in the server p50 ${measured.serverP50Ms} ms, p99 ${measured.serverP99Ms} ms, loop delay p99 ${measured.loopDelayP99Ms} ms, errors ${measured.errors}, non-2xx ${measured.non2xx}, RSS ${measured.rssBeforeMb}/${measured.rssPeakMb}/${measured.rssAfterMb} MB, CPU ${measured.cpuMsPerRequest} ms/request, busy: server ${measured.serverCpuPercent}%, load tool ${measured.toolCpuPercent}% of a core`,
  );
  return measured;
}

function writeRuns(dir: string, agentId: string, count: number): string[] {
  const template = readFileSync(SAMPLE, 'utf8');
  const { data } = JSON.parse(template) as { data: { summary: { runId: string } } };
  const agentDir = join(dir, agentId);
  mkdirSync(agentDir, { recursive: true });
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const runId = `bench-run-${String(i).padStart(6, '0')}`;
    ids.push(runId);
    writeFileSync(join(agentDir, `${runId}.json`), template.replaceAll(data.summary.runId, runId));
  }
  return ids;
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'run-viewer-load-'));
  const dist = join(work, 'dist');
  mkdirSync(dist);
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>bench</title>');
  const loadBefore = loadavg()[0];
  const started = Date.now();
  const results: Measured[] = [];
  const children: ChildProcess[] = [];
  try {
    const small = join(work, 'small');
    mkdirSync(join(small, 'agent-small'), { recursive: true });
    copyFileSync(SAMPLE, join(small, 'agent-small', 'run.json'));
    const smallRunId = (JSON.parse(readFileSync(SAMPLE, 'utf8')) as { data: { summary: { runId: string } } }).data.summary.runId;
    const smallViewer = await startProcess(VIEWER, { BENCH_RUNS_DIR: small, BENCH_DIST: dist });
    children.push(smallViewer.child);
    results.push(await measure('embedded, one small run: run GET', smallViewer, [`/api/agents/agent-small/runs/${smallRunId}`]));
    await stop(smallViewer.child);

    const many = join(work, 'many');
    const ids = writeRuns(many, 'agent-many', runCount);
    const manyViewer = await startProcess(VIEWER, { BENCH_RUNS_DIR: many, BENCH_DIST: dist });
    children.push(manyViewer.child);
    const runPaths = ids
      .filter((_, i) => i % Math.max(1, Math.floor(ids.length / 500)) === 0)
      .map((id) => `/api/agents/agent-many/runs/${id}`);
    const label = runCount.toLocaleString('en');
    const runTarget = { p99Ms: 20, rssMb: 300 };
    results.push(await measure(`embedded, ${label} runs in one folder: run GET`, manyViewer, runPaths, { target: runTarget }));
    // As a browser asks for it (every browser sends Accept-Encoding: gzip): the kept gzip is sent.
    results.push(
      await measure(`embedded, ${label} runs in one folder: run GET, gzip accepted`, manyViewer, runPaths, {
        target: runTarget,
        headers: { 'accept-encoding': 'gzip, deflate, br, zstd' },
      }),
    );
    results.push(
      await measure(`embedded, ${label} runs in one folder: runs list`, manyViewer, ['/api/agents/agent-many/runs?limit=20'], {
        target: { p99Ms: 100, rssMb: 300 },
      }),
    );
    await stop(manyViewer.child);

    const upstream = await startProcess(UPSTREAM, { BENCH_SAMPLE: SAMPLE });
    children.push(upstream.child);
    const proxy = await startProcess(VIEWER, { BENCH_UPSTREAM: upstream.url, BENCH_DIST: dist });
    children.push(proxy.child);
    results.push(await measure('proxy to a local stand-in upstream: run GET', proxy, [`/api/agents/agent-x/runs/${smallRunId}?roomId=r1`]));
  } finally {
    await Promise.all(children.map(stop));
    rmSync(work, { recursive: true, force: true });
  }

  const report = {
    date: new Date().toISOString(),
    duration,
    connections,
    runCount,
    loadBefore,
    loadAfter: loadavg()[0],
    seconds: Math.round((Date.now() - started) / 1000),
    results,
  };
  const outDir = smoke ? join(BENCH_DIR, '.runs') : BENCH_DIR;
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, smoke ? 'server-smoke-results.json' : 'server-results.json'), `${JSON.stringify(report, null, 2)}\n`);
  if (!smoke) writeTable(report);
  const failed = results.filter((result) => result.errors > 0 || result.non2xx > 0);
  if (failed.length > 0) {
    console.error(`errors in: ${failed.map((result) => result.scenario).join('; ')}`);
    process.exit(1);
  }
}

function writeTable(report: {
  date: string;
  duration: number;
  connections: number;
  runCount: number;
  loadBefore: number;
  loadAfter: number;
  seconds: number;
  results: Measured[];
}): void {
  const file = join(PROJECT_ROOT, 'BENCHMARKS.md');
  const text = readFileSync(file, 'utf8');
  const start = '<!-- server-load:start -->';
  const end = '<!-- server-load:end -->';
  const verdict = (result: Measured) => {
    if (!result.target) return '';
    const met = result.p99Ms <= result.target.p99Ms && result.rssPeakMb < result.target.rssMb;
    return `${met ? 'met' : '**missed**'} (p99 ≤ ${result.target.p99Ms} ms, RSS < ${result.target.rssMb} MB)`;
  };
  const rows = report.results.map(
    (result) =>
      `| ${result.scenario} | ${result.requestsPerSecond.toLocaleString('en')} | ${result.p50Ms} | ${result.p99Ms} | ` +
      `${result.serverP50Ms} / ${result.serverP99Ms} | ${result.loopDelayP99Ms} | ${result.errors + result.non2xx} | ` +
      `${result.rssBeforeMb} / ${result.rssPeakMb} / ${result.rssAfterMb} | ${result.cpuMsPerRequest} | ${result.serverCpuPercent}% / ${result.toolCpuPercent}% | ${verdict(result)} |`,
  );
  const busy =
    report.loadBefore > 2
      ? ` The machine was shared with other work (load average ${report.loadBefore.toFixed(1)} on 2 cores before, ${report.loadAfter.toFixed(1)} after), so these figures are provisional.`
      : '';
  const block = [
    start,
    `Produced by \`npm run bench:server\` on ${report.date.slice(0, 10)} in ${report.seconds} s: autocannon, ${report.connections} connections, ${report.duration} s per scenario, loopback; the server in its own Node process.${busy}`,
    '',
    '| scenario | req/s | p50 (ms) | p99 (ms) | in the server p50 / p99 (ms) | loop delay p99 (ms) | errors + non-2xx | server RSS before / peak / after (MB) | server CPU per request (ms) | CPU busy, server / load tool (% of a core) | target |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
    ...rows,
    end,
  ].join('\n');
  const at = text.indexOf(start);
  const next =
    at === -1
      ? `${text.trimEnd()}\n\n## Server load\n\n${block}\n`
      : text.slice(0, at) + block + text.slice(text.indexOf(end) + end.length);
  writeFileSync(file, next);
}

await main();
