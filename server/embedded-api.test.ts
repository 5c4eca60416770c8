import { copyFileSync, mkdirSync, readFileSync, rmSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi, type MockInstance } from 'vitest';
import { startServer, type RunningServer } from './app-server';
import { fakeDist, rawRequest, tempDir, writeFile } from './test-support';

const REAL_SAMPLES = join(import.meta.dirname, 'sample-runs', 'b0aec2f9-fc2e-04c1-99b1-f50283740495');
const DOCUMENTED = join(import.meta.dirname, 'sample-runs', '550e8400-e29b-41d4-a716-446655440000', 'documented-example.json');

const bareRun = {
  summary: { runId: 'run-bare', status: 'completed', startedAt: 1000, endedAt: 1500, roomId: 'room-2' },
  events: [
    { type: 'RUN_STARTED', timestamp: 1000, data: {} },
    { type: 'RUN_ENDED', timestamp: 1500, data: { status: 'completed' } },
  ],
};

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('embedded API', () => {
  const runs = tempDir('runs');
  const dist = tempDir('dist');
  const agentDir = join(runs.path, 'agent-a');
  let server: RunningServer;
  let stderr: MockInstance;

  const get = (path: string, headers?: Record<string, string>) => rawRequest(server.url, path, { headers });
  const warnings = () => stderr.mock.calls.map((call) => String(call[0])).filter((line) => line.includes('skipping'));

  beforeAll(async () => {
    writeFile(agentDir, 'agent.json', { name: 'Alpha' });
    copyFileSync(join(REAL_SAMPLES, 'run-detail-reply-action.json'), join(agentDir, 'real.json'));
    copyFileSync(join(REAL_SAMPLES, 'run-detail-in-progress.json'), join(agentDir, 'in-progress.json'));
    copyFileSync(DOCUMENTED, join(agentDir, 'documented.json'));
    writeFile(agentDir, 'bare.json', bareRun);
    writeFile(agentDir, 'bad.json', '{ "summary": ');
    writeFile(agentDir, 'not-a-run.json', { hello: 'world' });
    writeFile(join(runs.path, 'agent-b'), 'notes.txt', 'not a run');
    fakeDist(dist.path);
    stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    server = await startServer({ port: 0, runsDir: runs.path, distDir: dist.path });
  });

  afterAll(async () => {
    await server.close();
    stderr.mockRestore();
    runs.remove();
    dist.remove();
  });

  it('lists one agent per folder, named by agent.json or the folder, sorted by name', async () => {
    const res = await get('/api/agents');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.json()).toEqual({
      success: true,
      data: {
        agents: [
          { id: 'agent-b', name: 'agent-b', characterName: 'agent-b', bio: '', status: 'active' },
          { id: 'agent-a', name: 'Alpha', characterName: 'Alpha', bio: '', status: 'active' },
        ],
      },
    });
  });

  it('answers one agent', async () => {
    const res = await get('/api/agents/agent-a');
    expect(res.status).toBe(200);
    expect((res.json() as Json).data).toMatchObject({ id: 'agent-a', name: 'Alpha', status: 'active' });
  });

  it('lists runs newest first with computed durations and counts', async () => {
    const { data } = (await get('/api/agents/agent-a/runs')).json() as Json;
    expect(data.runs.map((run: Json) => run.runId)).toEqual([
      'f704a093-057e-458e-b1ed-724e55404c8d',
      '1c5cdbc6-775b-4964-80ec-04edf1fe72a6',
      '550e8400-e29b-41d4-a716-446655440001',
      'run-bare',
    ]);
    expect(data.total).toBe(4);
    expect(data.hasMore).toBe(false);
    const [inProgress, real, documented, bare] = data.runs;
    expect(inProgress).toMatchObject({ status: 'started', endedAt: null, durationMs: null });
    expect(real).toEqual({
      runId: '1c5cdbc6-775b-4964-80ec-04edf1fe72a6',
      status: 'completed',
      startedAt: 1795899079654,
      endedAt: 1795899079825,
      durationMs: 171,
      messageId: '42ae082e-64dd-0450-9363-dd77cce07bfe',
      roomId: '8c804bdb-3231-0770-931b-7f1f637e3353',
      entityId: '9f93e384-e239-497a-9854-9ba77def844c',
      metadata: {},
      counts: { actions: 1, modelCalls: 6, errors: 0, evaluators: 0 },
      truth: { status: { tone: 'completed', label: 'completed', reason: null }, events: 11, modelCalls: 6, actions: 1, errors: 0 },
    });
    expect(documented).toMatchObject({ status: 'completed', startedAt: 1703001234567, durationMs: 1323, counts: { modelCalls: 1 } });
    expect(bare).toMatchObject({ durationMs: 500, roomId: 'room-2' });
  });

  it('pages and filters the runs list like the real server', async () => {
    const page = (query: string) => get(`/api/agents/agent-a/runs?${query}`).then((res) => (res.json() as Json).data);
    const ids = (data: Json) => data.runs.map((run: Json) => run.runId);

    const firstTwo = await page('limit=2');
    expect(ids(firstTwo)).toEqual(['f704a093-057e-458e-b1ed-724e55404c8d', '1c5cdbc6-775b-4964-80ec-04edf1fe72a6']);
    expect(firstTwo).toMatchObject({ total: 4, hasMore: true });
    expect((await page('limit=1000')).runs).toHaveLength(4);
    expect(ids(await page('status=started'))).toEqual(['f704a093-057e-458e-b1ed-724e55404c8d']);
    expect((await page('status=completed')).total).toBe(3);
    expect((await page('status=bogus')).total).toBe(4);
    expect((await page('status=all')).total).toBe(4);
    expect(ids(await page('roomId=room-2'))).toEqual(['run-bare']);
    expect(ids(await page('from=1703001234567&to=1795899079654'))).toEqual([
      '1c5cdbc6-775b-4964-80ec-04edf1fe72a6',
      '550e8400-e29b-41d4-a716-446655440001',
    ]);
    // Paging backwards the documented way: to = oldest startedAt - 1.
    expect(ids(await page('limit=2&to=1795899079653'))).toEqual(['550e8400-e29b-41d4-a716-446655440001', 'run-bare']);
  });

  it.each([
    ['enveloped real shape', '1c5cdbc6-775b-4964-80ec-04edf1fe72a6', 'real.json'],
    ['documented shape', '550e8400-e29b-41d4-a716-446655440001', 'documented.json'],
    ['bare real shape', 'run-bare', 'bare.json'],
  ])('serves the %s run file byte for byte', async (_shape, runId, file) => {
    const expected = readFileSync(join(agentDir, file));
    const plain = await get(`/api/agents/agent-a/runs/${runId}`);
    expect(plain.status).toBe(200);
    expect(plain.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(plain.headers['cache-control']).toBe('no-store');
    expect(plain.body.equals(expected)).toBe(true);

    const zipped = await get(`/api/agents/agent-a/runs/${runId}`, { 'accept-encoding': 'gzip' });
    expect(zipped.headers['content-encoding']).toBe(expected.length > 1024 ? 'gzip' : undefined);
    expect(zipped.body.equals(expected)).toBe(true);
    // Gzipped once and kept with the file's bytes: sent with its length, the same bytes every poll.
    expect(Number(zipped.headers['content-length'])).toBeGreaterThan(0);
    const again = await get(`/api/agents/agent-a/runs/${runId}`, { 'accept-encoding': 'gzip' });
    expect(again.headers['content-length']).toBe(zipped.headers['content-length']);
    expect(again.body.equals(expected)).toBe(true);
  });

  it('answers HEAD with headers only', async () => {
    const res = await rawRequest(server.url, '/api/agents/agent-a/runs/run-bare', { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(Number(res.headers['content-length'])).toBe(readFileSync(join(agentDir, 'bare.json')).length);
    expect(res.body.length).toBe(0);
  });

  it('skips a bad JSON file and a non-run file with one warning each', async () => {
    await get('/api/agents/agent-a/runs');
    await get('/api/agents/agent-a/runs');
    const lines = warnings();
    expect(lines.filter((line) => line.includes('bad.json'))).toHaveLength(1);
    expect(lines.filter((line) => line.includes('not-a-run.json'))).toHaveLength(1);
    expect(lines.find((line) => line.includes('bad.json'))).toMatch(/not valid JSON/);
    expect(lines.find((line) => line.includes('not-a-run.json'))).toMatch(/not a run/);
    expect((await get('/api/agents')).status).toBe(200);
  });

  it('warns again when a bad file changes, and lists it once it is fixed', async () => {
    const path = writeFile(agentDir, 'bad.json', '[1, 2');
    utimesSync(path, new Date(), new Date(Date.now() + 5000));
    await get('/api/agents/agent-a/runs');
    expect(warnings().filter((line) => line.includes('bad.json'))).toHaveLength(2);

    writeFile(agentDir, 'bad.json', { ...bareRun, summary: { ...bareRun.summary, runId: 'run-fixed', startedAt: 2000 } });
    utimesSync(path, new Date(), new Date(Date.now() + 10_000));
    const { data } = (await get('/api/agents/agent-a/runs?roomId=room-2')).json() as Json;
    expect(data.runs.map((run: Json) => run.runId)).toEqual(['run-fixed', 'run-bare']);
    rmSync(path);
  });

  it('picks up a file added after start and forgets a deleted one', async () => {
    expect((await get('/api/agents/agent-a/runs/run-late')).status).toBe(404);
    writeFile(agentDir, 'late.json', { ...bareRun, summary: { ...bareRun.summary, runId: 'run-late', startedAt: 1795999999999 } });
    const listed = (await get('/api/agents/agent-a/runs?limit=1')).json() as Json;
    expect(listed.data.runs[0].runId).toBe('run-late');
    expect((await get('/api/agents/agent-a/runs/run-late')).status).toBe(200);

    rmSync(join(agentDir, 'late.json'));
    expect((await get('/api/agents/agent-a/runs/run-late')).status).toBe(404);
  });

  it('answers unknown agents and runs with NOT_FOUND', async () => {
    for (const path of ['/api/agents/nobody', '/api/agents/nobody/runs', '/api/agents/nobody/runs/run-bare']) {
      const res = await get(path);
      expect(res.status).toBe(404);
      expect(res.json()).toEqual({ success: false, error: { code: 'NOT_FOUND', message: 'Agent not found' } });
    }
    const run = await get('/api/agents/agent-a/runs/00000000-0000-0000-0000-000000000000');
    expect(run.status).toBe(404);
    expect(run.json()).toEqual({ success: false, error: { code: 'NOT_FOUND', message: 'Run not found' } });
  });

  it('answers unknown API paths like the real server, numeric code included', async () => {
    for (const path of [
      '/api',
      '/api/',
      '/api/health',
      '/api/agents/agent-a/rooms',
      '/api/agents/agent-a/memories/x',
      '/api/agents/agent-a/runs/run-bare/events',
      '/api/agents/',
    ]) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      expect(res.json(), path).toEqual({ success: false, error: { message: 'API endpoint not found', code: 404 } });
    }
  });

  it('refuses writes with 405 and Allow: GET', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
      const res = await rawRequest(server.url, '/api/agents/agent-a/runs', { method });
      expect(res.status, method).toBe(405);
      expect(res.headers.allow).toBe('GET');
      expect(res.json()).toMatchObject({ success: false, error: { code: 'METHOD_NOT_ALLOWED' } });
    }
  });

  it('refuses malformed ids and path tricks with 400', async () => {
    const cases: Array<[string, string]> = [
      ['/api/agents/bad.id/runs', 'INVALID_ID'],
      ['/api/agents/agent-a/runs/run$1', 'INVALID_ID'],
      [`/api/agents/${'a'.repeat(129)}`, 'INVALID_ID'],
      ['/api/agents/agent-a/runs/%2e%2e', 'INVALID_PATH'],
      ['/api/agents/../agents', 'INVALID_PATH'],
      ['/api/agents/agent-a%2fruns', 'INVALID_PATH'],
      ['/api/agents/agent-a%5Cruns', 'INVALID_PATH'],
      ['/api//agents', 'INVALID_PATH'],
    ];
    for (const [path, code] of cases) {
      const res = await get(path);
      expect(res.status, path).toBe(400);
      expect((res.json() as Json).error.code, path).toBe(code);
    }
  });
});

describe('bundled sample runs', () => {
  it('are all valid runs, served without a warning', async () => {
    const dist = tempDir('dist');
    fakeDist(dist.path);
    const warn = vi.fn();
    const server = await startServer({ port: 0, distDir: dist.path, warn });
    try {
      const { data } = (await rawRequest(server.url, '/api/agents')).json() as Json;
      expect(data.agents.map((agent: Json) => agent.name)).toEqual(['Atlas', 'Fakebot', 'Quill']);
      const counts: Record<string, number> = {};
      for (const agent of data.agents) {
        const list = (await rawRequest(server.url, `/api/agents/${agent.id}/runs`)).json() as Json;
        counts[agent.name] = list.data.total;
        for (const run of list.data.runs) {
          expect((await rawRequest(server.url, `/api/agents/${agent.id}/runs/${run.runId}`)).status).toBe(200);
        }
      }
      expect(counts).toEqual({ Atlas: 7, Fakebot: 8, Quill: 0 });
      expect(warn).not.toHaveBeenCalled();
    } finally {
      await server.close();
      dist.remove();
    }
  });
});

describe('embedded agent logs', () => {
  it('serves RUNS_DIR/<agentId>/logs/*.json like the real logs endpoint: by type and room, newest first, paged', async () => {
    const runs = tempDir('runs');
    const dist = tempDir('dist');
    fakeDist(dist.path);
    const logs = join(runs.path, 'agent-a', 'logs');
    const row = (id: string, type: string, roomId: string, createdAt: string) => ({ id, type, roomId, createdAt, body: { actionId: id } });
    writeFile(logs, 'a.json', {
      success: true,
      data: [row('1', 'action', 'room-1', '2026-11-29T10:00:00Z'), row('2', 'action', 'room-2', '2026-11-29T10:00:01Z')],
    });
    writeFile(logs, 'b.json', [
      row('3', 'action', 'room-1', '2026-11-29T10:00:02Z'),
      row('4', 'embedding_event', 'room-1', '2026-11-29T10:00:03Z'),
    ]);
    writeFile(logs, 'broken.json', '{ nope');
    const warn = vi.fn();
    const server = await startServer({ port: 0, runsDir: runs.path, distDir: dist.path, warn });
    const ids = async (query: string) =>
      ((await rawRequest(server.url, `/api/agents/agent-a/logs?${query}`)).json() as Json).data.map((r: Json) => r.id);
    try {
      expect(await ids('type=action&roomId=room-1')).toEqual(['3', '1']);
      expect(await ids('type=action')).toEqual(['3', '2', '1']);
      expect(await ids('type=action&count=1&offset=1')).toEqual(['2']);
      expect(await ids('type=embedding_event')).toEqual(['4']);
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('skipping log file'));
      expect((await rawRequest(server.url, '/api/agents/nobody/logs')).status).toBe(404);
      // An agent without a logs folder has no rows, like a fresh server.
      writeFile(join(runs.path, 'agent-b'), 'agent.json', { name: 'B' });
      expect((await rawRequest(server.url, '/api/agents/agent-b/logs?type=action')).json()).toEqual({ success: true, data: [] });
    } finally {
      await server.close();
      runs.remove();
      dist.remove();
    }
  });
});

describe('truthful list rows', () => {
  it("add the run page's status and counts to each row, action log outcomes included, and follow log changes", async () => {
    const runs = tempDir('runs');
    const dist = tempDir('dist');
    fakeDist(dist.path);
    const agentDir = join(runs.path, 'agent-a');
    writeFile(agentDir, 'agent.json', { name: 'A' });
    copyFileSync(join(REAL_SAMPLES, 'captured-action-error.json'), join(agentDir, 'action-error.json'));
    copyFileSync(join(REAL_SAMPLES, 'run-detail-model-error.json'), join(agentDir, 'model-error.json'));
    const server = await startServer({ port: 0, runsDir: runs.path, distDir: dist.path, warn: vi.fn() });
    const truths = async () => {
      const { data } = (await rawRequest(server.url, '/api/agents/agent-a/runs')).json() as Json;
      return Object.fromEntries(data.runs.map((run: Json) => [run.runId, { status: run.status, truth: run.truth }]));
    };
    try {
      let rows = await truths();
      // The server's own status stays what the file says; `truth` is the viewer's.
      expect(rows['ee6e5b97-d6e0-40a1-a0ba-059a87517009']).toMatchObject({
        status: 'completed',
        truth: { status: { tone: 'failed' }, errors: 1, events: 5 },
      });
      expect(rows['dd3d79f8-d03c-4285-895d-dfe504141261'].truth).toMatchObject({ status: { tone: 'completed' }, errors: 0 });
      // With the agent's action log, the REPLY that failed is counted, as on the run page.
      mkdirSync(join(agentDir, 'logs'));
      copyFileSync(join(REAL_SAMPLES, 'logs', 'action-log-action-error.json'), join(agentDir, 'logs', 'action-log.json'));
      rows = await truths();
      expect(rows['dd3d79f8-d03c-4285-895d-dfe504141261']).toMatchObject({
        status: 'completed',
        truth: { status: { tone: 'completed', label: 'completed' }, errors: 1, actions: 1 },
      });
      // The log gone, the outcome is unverified again: no error counted.
      rmSync(join(agentDir, 'logs'), { recursive: true });
      rows = await truths();
      expect(rows['dd3d79f8-d03c-4285-895d-dfe504141261'].truth).toMatchObject({ errors: 0 });
    } finally {
      await server.close();
      runs.remove();
      dist.remove();
    }
  });
});

describe('the bundled Atlas runs list', () => {
  it('tells each run’s truth in a few kilobytes: the 2 MB large-prompt run is not needed to draw it', async () => {
    const dist = tempDir('dist');
    fakeDist(dist.path);
    const server = await startServer({ port: 0, runsDir: join(import.meta.dirname, 'sample-runs'), distDir: dist.path, warn: vi.fn() });
    try {
      const response = await rawRequest(server.url, '/api/agents/550e8400-e29b-41d4-a716-446655440000/runs');
      expect(response.body.length).toBeLessThan(10_000);
      const { data } = response.json() as Json;
      expect(data.runs).toHaveLength(7);
      const byId = Object.fromEntries(data.runs.map((run: Json) => [run.runId, run.truth]));
      expect(byId['8a1f3c5e-7b9d-4e2f-a4c6-0d8e2b4f6a97']).toMatchObject({ status: { tone: 'failed' }, errors: 2 });
      expect(byId['4c8e2a6f-1d3b-4f5a-b7c9-8e0a2d4f6b18']).toMatchObject({ status: { tone: 'timeout' }, errors: 1 });
      expect(byId['3a5c7e9b-1d3f-4a5c-8e7b-9d1f3b5d7f29']).toMatchObject({ status: { tone: 'completed' }, events: 6 });
    } finally {
      await server.close();
      dist.remove();
    }
  });
});
