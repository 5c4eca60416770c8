import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { syntheticRun, type RunSpec } from './synthetic-run';

// Benchmark runs (synthetic-run.ts) written as files in the real elizaOS 1.7.2 shape
// (`{ success, data: { summary, events } }`): big runs with a realistic mix of events, and runs with
// one huge prompt. Each run gets its own agent folder, because the embedded API parses every file of
// an agent on its first request. Files are reused while the generator's source and the spec are unchanged.
// Standalone: npx tsx bench/generate-runs.ts [runsDir]

export interface GeneratedRun {
  key: string;
  agentId: string;
  runId: string;
  roomId: string;
  events: number;
  bytes: number;
  /** The page a person would open; carries roomId, as the viewer's own links do. */
  path: string;
  apiPath: string;
}

export const EVENT_RUNS: RunSpec[] = [1_000, 10_000, 100_000].map((events) => ({
  key: `events-${events}`,
  kind: 'events',
  events,
  seed: 1_000 + events,
}));
export const HUGE_RUN: RunSpec = { key: 'payload-10MB', kind: 'huge-prompt', promptBytes: 10 * 1024 * 1024, seed: 77 };
export const SMOKE_HUGE_RUN: RunSpec = { key: 'payload-1MB', kind: 'huge-prompt', promptBytes: 1024 * 1024, seed: 78 };

const MANIFEST = 'manifest.json';

/** Writes the runs that are missing or stale; returns all of them. */
export function ensureRuns(runsDir: string, specs: RunSpec[], log: (line: string) => void = () => {}): GeneratedRun[] {
  mkdirSync(runsDir, { recursive: true });
  const manifestPath = join(runsDir, MANIFEST);
  const manifest: Record<string, { version: string; run: GeneratedRun }> = existsSync(manifestPath)
    ? JSON.parse(readFileSync(manifestPath, 'utf8'))
    : {};
  const generatorVersion = createHash('sha256')
    .update(readFileSync(fileURLToPath(import.meta.url)))
    .update(readFileSync(fileURLToPath(new URL('./synthetic-run.ts', import.meta.url))))
    .digest('hex')
    .slice(0, 16);

  const runs = specs.map((spec) => {
    const version = `${generatorVersion}:${JSON.stringify(spec)}`;
    const known = manifest[spec.key];
    const file = join(runsDir, known?.run.agentId ?? '-', 'run.json');
    if (known?.version === version && existsSync(file) && statSync(file).size === known.run.bytes) return known.run;
    const started = performance.now();
    const run = writeRun(runsDir, spec);
    log(
      `generated ${spec.key}: ${run.events.toLocaleString('en')} events, ${(run.bytes / 1e6).toFixed(1)} MB in ${Math.round(performance.now() - started)} ms`,
    );
    manifest[spec.key] = { version, run };
    writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
    return run;
  });
  return runs;
}

function writeRun(runsDir: string, spec: RunSpec): GeneratedRun {
  const { ids, summary, events } = syntheticRun(spec);
  const dir = join(runsDir, ids.agentId);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'agent.json'), JSON.stringify({ name: `Bench ${spec.key}` }));
  // Streamed event by event: the 100k run would be one very long string otherwise.
  const tmp = join(dir, 'run.json.tmp');
  const fd = openSync(tmp, 'w');
  let bytes = 0;
  const write = (text: string) => {
    bytes += writeSync(fd, text);
  };
  write(`{"success":true,"data":{"summary":${JSON.stringify(summary)},"events":[`);
  events.forEach((event, index) => write((index ? ',' : '') + JSON.stringify(event)));
  write(']}}');
  closeSync(fd);
  renameSync(tmp, join(dir, 'run.json'));

  const query = `?roomId=${ids.roomId}`;
  return {
    key: spec.key,
    agentId: ids.agentId,
    runId: ids.runId,
    roomId: ids.roomId,
    events: events.length,
    bytes,
    path: `/agents/${ids.agentId}/runs/${ids.runId}${query}`,
    apiPath: `/api/agents/${ids.agentId}/runs/${ids.runId}${query}`,
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const runsDir = process.argv[2] ?? join(fileURLToPath(new URL('.', import.meta.url)), '.runs', 'runs');
  for (const run of ensureRuns(runsDir, [...EVENT_RUNS, HUGE_RUN, SMOKE_HUGE_RUN], console.log)) {
    console.log(`${run.key}: ${run.events} events, ${(run.bytes / 1e6).toFixed(1)} MB, ${run.path}`);
  }
}
