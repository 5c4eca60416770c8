// Records what a real elizaOS 1.7.2 server answers for every compatibility scenario, into
// compat/captured/, as test inputs for the viewer. Bodies are stored exactly as received
// (pretty-printed); error responses are stored with their status and headers.
//
//   npx tsx compat/capture.ts [--out dir]
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { COMPAT_DIR, startElizaServer } from './eliza-process';
import { createScenarioRuns, startSlowRun, waitForRunEnd } from './scenarios';

const ELIZA_VERSION = JSON.parse(readFileSync(path.join(COMPAT_DIR, 'node_modules', '@elizaos', 'server', 'package.json'), 'utf8')).version;
const KEPT_HEADERS = [
  'content-type',
  'access-control-allow-origin',
  'access-control-allow-credentials',
  'ratelimit-limit',
  'ratelimit-remaining',
  'ratelimit-reset',
  'ratelimit-policy',
];

async function request(baseUrl: string, pathname: string, apiKey?: string) {
  const headers: Record<string, string> = apiKey ? { 'x-api-key': apiKey } : {};
  const response = await fetch(new URL(pathname, baseUrl), { headers });
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: response.status, headers: response.headers, body };
}

function main() {
  const outIndex = process.argv.indexOf('--out');
  const outDir = outIndex > 0 ? path.resolve(process.argv[outIndex + 1]) : path.join(COMPAT_DIR, 'captured');
  return capture(outDir);
}

async function capture(outDir: string) {
  const authToken = `compat-${randomUUID()}`;
  const server = await startElizaServer({ authToken });
  const files: ({ file: string; bytes: number } & Record<string, unknown>)[] = [];
  const write = (name: string, value: unknown, about: Record<string, unknown>) => {
    const text = `${JSON.stringify(value, null, 2)}\n`;
    writeFileSync(path.join(outDir, name), text);
    files.push({ file: name, bytes: Buffer.byteLength(text), ...about });
  };
  // A 2xx body as received; anything else fails the capture.
  const get = async (pathname: string) => {
    const response = await request(server.baseUrl, pathname, authToken);
    if (response.status !== 200) throw new Error(`GET ${pathname} -> ${response.status}: ${JSON.stringify(response.body)}`);
    return response.body;
  };
  // A whole exchange, for the error shapes.
  const exchange = async (pathname: string, apiKey?: string) => {
    const response = await request(server.baseUrl, pathname, apiKey);
    const headers = Object.fromEntries(KEPT_HEADERS.filter((h) => response.headers.has(h)).map((h) => [h, response.headers.get(h)]));
    return {
      request: { method: 'GET', path: pathname, apiKeySent: Boolean(apiKey) },
      status: response.status,
      headers,
      body: response.body,
    };
  };

  try {
    rmSync(outDir, { recursive: true, force: true });
    mkdirSync(outDir, { recursive: true });
    const started = Date.now();
    const manifest = await createScenarioRuns(server.baseUrl, { apiKey: authToken });
    const { agentId } = manifest;
    const runsPath = `/api/agents/${agentId}/runs`;

    for (const [scenario, run] of Object.entries(manifest.runs)) {
      const detailPath = `${runsPath}/${run.runId}?roomId=${run.roomId}`;
      write(`run-detail-${scenario}.json`, await get(detailPath), { scenario, request: detailPath });
    }
    const actionLogs = { 'reply-action': 'action', 'action-error': 'action', 'embedding-error': 'embedding_event' } as const;
    for (const [scenario, type] of Object.entries(actionLogs) as [keyof typeof actionLogs, string][]) {
      const run = manifest.runs[scenario];
      const logsPath = `/api/agents/${agentId}/logs?type=${type}&roomId=${run.roomId}&count=50`;
      const name = type === 'action' ? `action-log-${scenario}.json` : `embedding-log-${scenario}.json`;
      write(name, await get(logsPath), { scenario, request: logsPath });
    }
    const warmup = manifest.groupWarmupRuns[0];
    const warmupPath = `${runsPath}/${warmup.runId}?roomId=${warmup.roomId}`;
    write('run-detail-group-first-message.json', await get(warmupPath), {
      scenario: 'group-evaluator',
      note: 'first message of the group room: should-respond call, no evaluator yet',
      request: warmupPath,
    });

    // The slow run, while it is in progress and after it has ended.
    const slow = await startSlowRun(server.baseUrl, manifest, { apiKey: authToken });
    const slowPath = `${runsPath}/${slow.runId}?roomId=${slow.roomId}`;
    const listPath = `${runsPath}?from=1&limit=100`;
    write('run-detail-slow-in-progress.json', await get(slowPath), { scenario: 'slow', request: slowPath });
    write('runs-list-in-progress.json', await get(listPath), { scenario: 'slow', request: listPath });
    await waitForRunEnd(server.baseUrl, manifest, slow, { apiKey: authToken });
    write('run-detail-slow.json', await get(slowPath), { scenario: 'slow', request: slowPath });

    write('runs-list.json', await get(listPath), { request: listPath });
    const roomListPath = `${runsPath}?roomId=${manifest.runs['group-evaluator'].roomId}&from=1`;
    write('runs-list-group-room.json', await get(roomListPath), { request: roomListPath });

    // Error shapes.
    write('error-unauthorized.json', await exchange(listPath), { note: 'auth token set, no X-API-KEY' });
    write('error-wrong-api-key.json', await exchange(listPath, 'not-the-token'), { note: 'auth token set, wrong X-API-KEY' });
    const unknownRunPath = `${runsPath}/${randomUUID()}`;
    write('run-detail-unknown-run.json', await exchange(unknownRunPath, authToken), { note: 'unknown run id: 200, not 404' });
    write('error-unknown-agent.json', await exchange(`/api/agents/${randomUUID()}/runs`, authToken), {});
    write('error-invalid-id.json', await exchange(`${runsPath}/not-a-uuid`, authToken), {});
    write('error-unknown-api-path.json', await exchange('/api/no-such-endpoint', authToken), {});

    write('manifest.json', { ...manifest, runs: { ...manifest.runs, slow }, baseUrl: 'http://127.0.0.1:PORT' }, {});
    const index = {
      elizaosVersion: ELIZA_VERSION,
      capturedAt: new Date(started).toISOString(),
      fakeModel: 'compat/fake-model-plugin.mjs',
      files,
    };
    writeFileSync(path.join(outDir, 'index.json'), `${JSON.stringify(index, null, 2)}\n`);
    for (const { file, bytes } of files) {
      console.log(`${file.padEnd(42)} ${String(bytes).padStart(8)} bytes${bytes > 200_000 ? '  (over 200 kB)' : ''}`);
    }
    console.log(`captured ${files.length} files into ${outDir}; sentry sink got ${server.sentry.posts} POSTs`);
  } finally {
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error.stack ?? String(error));
  process.exit(1);
});
