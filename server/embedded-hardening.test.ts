import { spawn } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { syntheticRun } from '../bench/synthetic-run';
import { PROJECT_ROOT, startServer, type RunningServer } from './app-server';
import { summarizeRunText } from './run-summary';
import { estimateInputs } from '../src/run/token-estimate';
import { normalizeRun } from '../src/run/normalize';
import { fakeDist, rawRequest, tempDir, writeFile } from './test-support';

// The embedded API against hostile folders (issue 16): links out of RUNS_DIR, files that change
// while they are sent, a low file-descriptor limit, warnings that must not quote a secret, and a
// big file whose parse (for the index, for token estimates) must not stall every other request.

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const SECRET = 'hunter2-secret-value';
const ROOM = '8c804bdb-3231-0770-931b-7f1f637e3353';

function run(runId: string, startedAt: number, extra: object = {}) {
  return {
    summary: { runId, status: 'completed', startedAt, endedAt: startedAt + 10, roomId: ROOM, ...extra },
    events: [
      { type: 'RUN_STARTED', timestamp: startedAt, data: {} },
      { type: 'RUN_ENDED', timestamp: startedAt + 10, data: { status: 'completed' } },
    ],
  };
}

describe('embedded API: links that leave RUNS_DIR', () => {
  const runs = tempDir('runs');
  const outside = tempDir('outside');
  const dist = tempDir('dist');
  const warn = vi.fn();
  let server: RunningServer;
  const get = (path: string) => rawRequest(server.url, path);

  beforeAll(async () => {
    fakeDist(dist.path);
    const agent = join(runs.path, 'agent-a');
    writeFile(agent, 'inside.json', run('run-inside', 1000));
    writeFile(join(runs.path, 'shared'), 'linked.json', run('run-linked-inside', 2000));
    symlinkSync(join(runs.path, 'shared', 'linked.json'), join(agent, 'linked.json'));
    writeFile(outside.path, 'secret-run.json', run('run-outside', 3000));
    symlinkSync(join(outside.path, 'secret-run.json'), join(agent, 'escape.json'));
    writeFile(join(outside.path, 'agent-out'), 'x.json', run('run-x', 4000));
    symlinkSync(join(outside.path, 'agent-out'), join(runs.path, 'agent-out'));
    symlinkSync(join(runs.path, 'agent-a'), join(runs.path, 'agent-alias'));
    writeFile(join(outside.path, 'logs'), 'a.json', [{ id: 'leak', type: 'action', roomId: ROOM, createdAt: '2026-11-29T10:00:00Z' }]);
    symlinkSync(join(outside.path, 'logs'), join(agent, 'logs'));
    writeFile(join(outside.path, 'memories'), 'm.json', [{ id: 'leak', roomId: ROOM, createdAt: 1 }]);
    const agentB = join(runs.path, 'agent-b');
    writeFile(join(agentB, 'logs'), 'ok.json', [{ id: 'kept', type: 'action', roomId: ROOM, createdAt: '2026-11-29T10:00:00Z' }]);
    symlinkSync(join(outside.path, 'logs', 'a.json'), join(agentB, 'logs', 'escape.json'));
    writeFile(join(agentB, 'memories'), 'ok.json', {
      success: true,
      data: {
        memories: [
          { id: 'm1', roomId: ROOM, createdAt: 5 },
          { id: 'm2', roomId: ROOM, createdAt: 9 },
        ],
      },
    });
    symlinkSync(join(outside.path, 'memories', 'm.json'), join(agentB, 'memories', 'escape.json'));
    symlinkSync(join(outside.path, 'memories'), join(runs.path, 'agent-a', 'memories'));
    server = await startServer({ port: 0, runsDir: runs.path, distDir: dist.path, warn });
  });

  afterAll(async () => {
    await server.close();
    runs.remove();
    outside.remove();
    dist.remove();
  });

  it('serves run files linked from inside RUNS_DIR, and refuses those that lead out', async () => {
    const { data } = (await get('/api/agents/agent-a/runs')).json() as Json;
    expect(data.runs.map((row: Json) => row.runId)).toEqual(['run-linked-inside', 'run-inside']);
    expect((await get('/api/agents/agent-a/runs/run-outside')).status).toBe(404);
    expect((await get('/api/agents/agent-a/runs/run-linked-inside')).status).toBe(200);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('escape.json: a link that leads outside RUNS_DIR'));
  });

  it('refuses an agent folder that leads out, and keeps one linked inside', async () => {
    const { data } = (await get('/api/agents')).json() as Json;
    expect(data.agents.map((agent: Json) => agent.id).sort()).toEqual(['agent-a', 'agent-alias', 'agent-b', 'shared']);
    for (const path of [
      '/api/agents/agent-out',
      '/api/agents/agent-out/runs',
      '/api/agents/agent-out/runs/run-x',
      '/api/agents/agent-out/logs',
    ]) {
      expect((await get(path)).status, path).toBe(404);
    }
    expect(((await get('/api/agents/agent-alias/runs')).json() as Json).data.total).toBe(2);
  });

  it('reads no logs or memories through a link that leads out', async () => {
    expect((await get('/api/agents/agent-a/logs?type=action')).json()).toEqual({ success: true, data: [] });
    expect(((await get('/api/agents/agent-b/logs?type=action')).json() as Json).data.map((row: Json) => row.id)).toEqual(['kept']);
    expect((await get(`/api/agents/agent-a/memories?roomId=${ROOM}`)).json()).toEqual({ success: true, data: { memories: [] } });
    const memories = (await get(`/api/agents/agent-b/memories?roomId=${ROOM}`)).json() as Json;
    expect(memories.data.memories.map((row: Json) => row.id)).toEqual(['m2', 'm1']);
  });
});

describe('embedded API: warnings', () => {
  it('never quote the content of a file they skip', async () => {
    const runs = tempDir('runs');
    const dist = tempDir('dist');
    fakeDist(dist.path);
    const agent = join(runs.path, 'agent-a');
    writeFile(agent, 'agent.json', `{ "name": ${SECRET} }`);
    writeFile(agent, 'bad.json', `{ "apiKey": "${SECRET}", `);
    writeFile(agent, 'bad2.json', `${SECRET}`);
    writeFile(agent, 'not-a-run.json', { apiKey: SECRET, events: SECRET });
    writeFile(join(agent, 'logs'), 'bad.json', `{"token": "${SECRET}"`);
    writeFile(join(agent, 'memories'), 'bad.json', `[${SECRET}]`);
    const warn = vi.fn();
    const server = await startServer({ port: 0, runsDir: runs.path, distDir: dist.path, warn });
    try {
      await rawRequest(server.url, '/api/agents');
      await rawRequest(server.url, '/api/agents/agent-a/runs');
      await rawRequest(server.url, '/api/agents/agent-a/logs');
      await rawRequest(server.url, `/api/agents/agent-a/memories?roomId=${ROOM}`);
      const lines = warn.mock.calls.map((call) => String(call[0]));
      expect(lines.filter((line) => line.includes('skipping') || line.includes('ignoring')).length).toBeGreaterThanOrEqual(5);
      for (const line of lines) expect(line).not.toContain(SECRET.slice(0, 7));
    } finally {
      await server.close();
      runs.remove();
      dist.remove();
    }
  });
});

describe('embedded API: a run file that changes while it is sent', () => {
  const runs = tempDir('runs');
  const dist = tempDir('dist');
  let server: RunningServer;
  const path = join(runs.path, 'agent-a', 'big.json');
  const size = 8 * 1024 * 1024;

  beforeAll(async () => {
    fakeDist(dist.path);
    const body = JSON.stringify(run('run-big', 1000, { padding: 'x' }));
    mkdirSync(join(runs.path, 'agent-a'), { recursive: true });
    writeFileSync(path, body.slice(0, -1) + ',"tail":"' + 'y'.repeat(size - body.length - 10) + '"}');
    server = await startServer({ port: 0, runsDir: runs.path, distDir: dist.path, warn: () => {} });
    expect((await rawRequest(server.url, '/api/agents/agent-a/runs/run-big')).status).toBe(200);
  });

  afterAll(async () => {
    await server.close();
    runs.remove();
    dist.remove();
  });

  /**
   * Sends two requests on one keep-alive connection, changing the file once the first response's
   * headers arrived (the client reads nothing more until then, so the server is mid-file). Returns
   * the raw bytes and whether the connection was closed by the server.
   */
  async function twoRequestsOneConnection(change: () => void): Promise<{ raw: Buffer; declared: number }> {
    const { port } = new URL(server.url);
    const socket = connect(Number(port), '127.0.0.1');
    const request = `GET /api/agents/agent-a/runs/run-big HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`;
    socket.write(request + request);
    const chunks: Buffer[] = [];
    let changed = false;
    return new Promise((done) => {
      socket.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        if (!changed && Buffer.concat(chunks).includes('\r\n\r\n')) {
          changed = true;
          socket.pause();
          change();
          setTimeout(() => socket.resume(), 100);
        }
        const raw = Buffer.concat(chunks);
        // Both answers complete: stop there.
        if (raw.indexOf('HTTP/1.1 200', 10) !== -1 && raw.length > 2 * size) socket.destroy();
      });
      socket.on('close', () => {
        const raw = Buffer.concat(chunks);
        const declared = Number(/content-length: (\d+)/i.exec(raw.subarray(0, 2000).toString('latin1'))?.[1]);
        done({ raw, declared });
      });
      socket.setTimeout(10_000, () => socket.destroy());
    });
  }

  it('sends exactly the announced length when the file grows, so the next answer is intact', { timeout: 30_000 }, async () => {
    const { raw, declared } = await twoRequestsOneConnection(() => appendFileSync(path, ' '.repeat(2 * 1024 * 1024)));
    expect(declared).toBe(size);
    const headerEnd = raw.indexOf('\r\n\r\n') + 4;
    // Right after the announced bytes comes the next answer's status line, not leftover file bytes.
    expect(raw.subarray(headerEnd + declared, headerEnd + declared + 12).toString('latin1')).toBe('HTTP/1.1 200');
  });

  it('cuts the connection when the file shrinks, instead of letting the next answer fill the gap', { timeout: 30_000 }, async () => {
    const { raw, declared } = await twoRequestsOneConnection(() => truncateSync(path, 1024));
    const headerEnd = raw.indexOf('\r\n\r\n') + 4;
    expect(declared).toBeGreaterThan(1024);
    expect(raw.length - headerEnd).toBeLessThan(declared);
    expect(raw.subarray(headerEnd).includes('HTTP/1.1')).toBe(false);
  });
});

describe('embedded API under a low file-descriptor limit', () => {
  it('lists every run of a big folder on the first request, and again on the next', async () => {
    const runs = tempDir('runs');
    const dist = tempDir('dist');
    fakeDist(dist.path);
    const count = 600;
    const agent = join(runs.path, 'agent-a');
    mkdirSync(agent, { recursive: true });
    for (let i = 0; i < count; i++) writeFileSync(join(agent, `run-${i}.json`), JSON.stringify(run(`run-${i}`, 1000 + i)));
    // A shell lowers the soft limit to 128 for the viewer, as on a machine with a low `ulimit -n`.
    const start = `const { startServer } = await import('./server/app-server.ts');
      const server = await startServer({ port: 0, runsDir: process.env.RUNS_DIR, distDir: process.env.DIST_DIR, warn: () => {} });
      console.log(server.url);`;
    const child = spawn('sh', ['-c', 'ulimit -n 128 && exec node --import tsx --input-type=module -e "$START"'], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, START: start, RUNS_DIR: runs.path, DIST_DIR: dist.path },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await new Promise<string>((found, fail) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const match = /(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (match) found(match[1]);
        });
        child.on('exit', (code) => fail(new Error(`viewer exited with ${code}`)));
      });
      for (let attempt = 0; attempt < 2; attempt++) {
        const { data } = (await rawRequest(url, '/api/agents/agent-a/runs?limit=1')).json() as Json;
        expect(data.total, `request ${attempt + 1}`).toBe(count);
      }
    } finally {
      child.kill('SIGTERM');
      runs.remove();
      dist.remove();
    }
  }, 60_000);
});

/** CPU time this thread has used so far, in ms (Linux counts it in 10 ms ticks). */
function threadCpuMs(): number {
  const fields = readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/**
 * About 25 MB of real-shape events: far over the worker thresholds, and a parse long enough to
 * see. One run's model calls, then many copies of its other events, so that counting its tokens
 * stays quick. Built as text, so the test itself leaves little garbage to collect (a collection
 * pause here would look like a stalled server).
 */
function bigRun(): { runId: string; text: string } {
  const { summary, events } = syntheticRun({ key: 'big', kind: 'events', events: 400, seed: 16 });
  const others = JSON.stringify(events.filter((event) => event.type !== 'MODEL_USED')).slice(1, -1);
  const all = [JSON.stringify(events).slice(1, -1), ...Array<string>(350).fill(others)].join(',');
  return { runId: String(summary.runId), text: `{"success":true,"data":{"summary":${JSON.stringify(summary)},"events":[${all}]}}` };
}

describe('embedded API: a big run file', () => {
  const runs = tempDir('runs');
  const dist = tempDir('dist');
  const { runId, text } = bigRun();
  let server: RunningServer;

  beforeAll(async () => {
    fakeDist(dist.path);
    writeFile(join(runs.path, 'agent-small'), 'small.json', run('run-small', 1000));
    server = await startServer({ port: 0, runsDir: runs.path, distDir: dist.path, warn: () => {} });
    expect((await rawRequest(server.url, '/api/agents/agent-small/runs/run-small')).status).toBe(200);
  });

  afterAll(async () => {
    await server.close();
    runs.remove();
    dist.remove();
  });

  /**
   * A new agent folder holding the big run: each attempt (a test may be retried on a busy machine)
   * parses and counts it afresh.
   */
  let agents = 0;
  function bigAgent(): string {
    const agentId = `agent-big-${++agents}`;
    writeFile(join(runs.path, agentId), 'big.json', text);
    return agentId;
  }

  /**
   * Sends small requests (to another agent) one after another while `path` is answered. For each,
   * the CPU time this thread spent meanwhile: the server runs on this thread, so a parse on its
   * event loop shows up as one small request that waited while this thread burnt about the parse's
   * CPU time. CPU time, unlike a latency, does not grow when the machine is busy and the thread
   * just waits its turn. The parse's own CPU time is measured after, on this thread, for comparison.
   */
  async function whileAnswering(path: string): Promise<{ answer: Awaited<ReturnType<typeof rawRequest>>; check: () => void }> {
    let done = false;
    const answer = rawRequest(server.url, path).finally(() => (done = true));
    const spent: number[] = [];
    const latencies: number[] = [];
    while (!done) {
      const [cpu, wall] = [threadCpuMs(), performance.now()];
      expect((await rawRequest(server.url, '/api/agents/agent-small/runs/run-small')).status).toBe(200);
      spent.push(threadCpuMs() - cpu);
      latencies.push(performance.now() - wall);
    }
    const cpu = threadCpuMs();
    expect('summary' in summarizeRunText(text, 'agent-big-0')).toBe(true);
    const parseCpuMs = threadCpuMs() - cpu;
    return {
      answer: await answer,
      check() {
        expect(parseCpuMs, 'the file is big enough for its parse to be measured').toBeGreaterThanOrEqual(60);
        expect(spent.length, 'small requests answered meanwhile').toBeGreaterThan(1);
        const worst = spent.indexOf(Math.max(...spent));
        expect(
          spent[worst],
          `CPU time of this thread during the slowest small request (${Math.round(latencies[worst])} ms), against ${parseCpuMs} ms for the parse`,
        ).toBeLessThan(parseCpuMs / 2);
      },
    };
  }

  // A garbage collection of this thread during an attempt could pass for a parse on the event loop:
  // such an attempt is made again, with a new folder; a parse on the loop fails every time.
  it('is parsed off the event loop: other requests keep being answered meanwhile', { timeout: 60_000, retry: 2 }, async () => {
    // The first request for a new agent indexes its folder, which parses the big file.
    const { answer, check } = await whileAnswering(`/api/agents/${bigAgent()}/runs?limit=1`);
    expect((answer.json() as Json).data.runs[0].runId).toBe(runId);
    check();
  });

  it('has its tokens counted off the event loop too', { timeout: 60_000, retry: 2 }, async () => {
    const agentId = bigAgent();
    const { answer, check } = await whileAnswering(`/viewer-api/token-estimates/${agentId}/${runId}`);
    expect(answer.status).toBe(200);
    check();
    const { estimates } = answer.json() as { estimates: [string, number, number][] };
    expect(estimates).toHaveLength(estimateInputs(normalizeRun(JSON.parse(text), agentId)).length);
    // Kept by the hash of the run's bytes: asked again, the same answer.
    expect((await rawRequest(server.url, `/viewer-api/token-estimates/${agentId}/${runId}`)).json()).toEqual(answer.json());
  });
});
