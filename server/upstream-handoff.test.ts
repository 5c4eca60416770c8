import { readFileSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from './app-server';
import { fakeDist, rawRequest, tempDir } from './test-support';

// Proxy mode: a run page's first paint is drawn from the elizaOS server's answers, which are then
// handed to the page's own requests for the same, so the elizaOS server is asked once per page.
// The upstream is a real HTTP server answering with real elizaOS 1.7.2 captures.

const captured = (name: string) => readFileSync(join(import.meta.dirname, '../compat/captured', name));
const FAILED_RUN = captured('run-detail-action-error.json');
const ACTION_LOG = captured('action-log-action-error.json');
const { runId: RUN, roomId: ROOM } = JSON.parse(FAILED_RUN.toString()).data.summary as { runId: string; roomId: string };
const AGENT = '2a4b84d0-1b6b-0d4b-b5c8-7a1e6c4b0f11';
const LOG_QUERY = `type=action&count=100&offset=0&roomId=${ROOM}`;

function startUpstream(): Promise<{ server: Server; url: string; seen: string[]; release: () => void }> {
  const seen: string[] = [];
  let held: (() => void)[] = [];
  const json = (res: ServerResponse, status: number, body: Buffer | string) => {
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
    res.end(body);
  };
  const server = createServer((req, res) => {
    const url = req.url ?? '';
    seen.push(url);
    const runId = url.split('?')[0].split('/')[5];
    if (url.startsWith(`/api/agents/${AGENT}/logs?`)) return json(res, 200, ACTION_LOG);
    if (runId === RUN) return json(res, 200, FAILED_RUN);
    if (runId === 'broken') return json(res, 500, JSON.stringify({ success: false, error: { code: 'BOOM', message: 'it broke' } }));
    if (runId === 'big') {
      const events = Array.from({ length: 8000 }, (_, index) => ({
        type: 'MODEL_USED',
        timestamp: 1000 + index,
        data: { prompt: 'p'.repeat(200) },
      }));
      return json(
        res,
        200,
        JSON.stringify({ success: true, data: { summary: { runId: 'big', status: 'completed', startedAt: 1000 }, events } }),
      );
    }
    if (runId === 'reset') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"success":true,"data":{"summary":');
      return void setTimeout(() => res.socket?.destroy(), 10);
    }
    // Answers only when the test says so: later than any page waits for its picture.
    if (runId === 'late') return void held.push(() => json(res, 200, FAILED_RUN));
    json(res, 404, JSON.stringify({ success: false, error: { code: 'NOT_FOUND', message: 'Run not found' } }));
  });
  const release = () => {
    for (const answer of held) answer();
    held = [];
  };
  return new Promise((done) =>
    server.listen(0, '127.0.0.1', () => done({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, release })),
  );
}

describe('proxy mode: the first paint and its hand-off', () => {
  const dist = tempDir('dist');
  let upstream: Awaited<ReturnType<typeof startUpstream>>;
  let viewer: RunningServer;
  const asked = (path: string) => upstream.seen.filter((url) => url === path).length;

  beforeAll(async () => {
    fakeDist(dist.path);
    upstream = await startUpstream();
    viewer = await startServer({ port: 0, distDir: dist.path, elizaServerUrl: upstream.url, warn: () => {} });
  });

  afterAll(async () => {
    await viewer.close();
    upstream.server.close();
    dist.remove();
  });

  it('draws the run with the failure its action log records, and hands both answers to the page', async () => {
    const page = await rawRequest(viewer.url, `/agents/${AGENT}/runs/${RUN}?roomId=${ROOM}`);
    expect(page.text.indexOf('id="first-paint"')).toBeGreaterThan(0);
    expect(page.text.indexOf('id="first-paint"')).toBeLessThan(page.text.indexOf('<div id="root"></div>'));
    // elizaOS reports the REPLY as a success; its action log says it failed.
    expect(page.text).toContain('data-t="REPLY failed: fake TEXT_LARGE failure inside REPLY (zzfailactionzz)"');
    const runPath = `/api/agents/${AGENT}/runs/${RUN}?roomId=${ROOM}`;
    const logPath = `/api/agents/${AGENT}/logs?${LOG_QUERY}`;
    expect([asked(runPath), asked(logPath)]).toEqual([1, 1]);

    // The page's own requests, in the page's order of parameters, get the same bytes: no new upstream request.
    const run = await rawRequest(viewer.url, runPath, { headers: { 'accept-encoding': 'gzip' } });
    expect(run.status).toBe(200);
    expect(run.body.equals(FAILED_RUN)).toBe(true);
    const log = await rawRequest(viewer.url, `/api/agents/${AGENT}/logs?type=action&count=100&offset=0&roomId=${ROOM}`);
    expect(log.body.equals(ACTION_LOG)).toBe(true);
    expect([asked(runPath), asked(logPath)]).toEqual([1, 1]);

    // Handed once: the next poll asks the elizaOS server again.
    expect((await rawRequest(viewer.url, runPath)).body.equals(FAILED_RUN)).toBe(true);
    expect(asked(runPath)).toBe(2);
  });

  it('hands an error on as the page would have got it, and draws nothing', async () => {
    const page = await rawRequest(viewer.url, `/agents/${AGENT}/runs/broken`);
    expect(page.text).not.toContain('first-paint');
    const run = await rawRequest(viewer.url, `/api/agents/${AGENT}/runs/broken`);
    expect(run.status).toBe(500);
    expect(run.json()).toEqual({ success: false, error: { code: 'BOOM', message: 'it broke' } });
    expect(asked(`/api/agents/${AGENT}/runs/broken`)).toBe(1);
  });

  it('holds a body too big to draw in the socket, and hands it whole to the page', async () => {
    const page = await rawRequest(viewer.url, `/agents/${AGENT}/runs/big`);
    expect(page.text).not.toContain('first-paint');
    const run = await rawRequest(viewer.url, `/api/agents/${AGENT}/runs/big`, { headers: { 'accept-encoding': 'gzip' } });
    expect(run.status).toBe(200);
    expect((run.json() as { data: { events: unknown[] } }).data.events).toHaveLength(8000);
    expect(asked(`/api/agents/${AGENT}/runs/big`)).toBe(1);
  });

  it('answers the page without waiting for a slow server, and hands the answer over when it comes', async () => {
    const started = Date.now();
    const page = await rawRequest(viewer.url, `/agents/${AGENT}/runs/late`);
    expect(page.text).not.toContain('first-paint');
    expect(Date.now() - started).toBeLessThan(2_000);
    const run = rawRequest(viewer.url, `/api/agents/${AGENT}/runs/late`);
    await expect.poll(() => asked(`/api/agents/${AGENT}/runs/late`)).toBe(1);
    upstream.release();
    expect((await run).body.equals(FAILED_RUN)).toBe(true);
    expect(asked(`/api/agents/${AGENT}/runs/late`)).toBe(1);
  });

  it('hands on a body the server cut off as the error it is, and keeps running', async () => {
    await rawRequest(viewer.url, `/agents/${AGENT}/runs/reset`);
    // The cut came before the page asked: the failure waits in the hand-off.
    await new Promise((done) => setTimeout(done, 50));
    const run = await rawRequest(viewer.url, `/api/agents/${AGENT}/runs/reset`);
    expect(run.status).toBe(502);
    expect((run.json() as { error: { code: string } }).error.code).toBe('UPSTREAM_CLOSED');
    expect(asked(`/api/agents/${AGENT}/runs/reset`)).toBe(1);
    expect((await rawRequest(viewer.url, `/api/agents/${AGENT}/runs/${RUN}`)).status).toBe(200);
  });

  it('does not start a request for a page the app draws itself (an event link), nor for a HEAD', async () => {
    const before = upstream.seen.length;
    const page = await rawRequest(viewer.url, `/agents/${AGENT}/runs/${RUN}?event=e1`);
    expect(page.text).not.toContain('first-paint');
    expect((await rawRequest(viewer.url, `/agents/${AGENT}/runs/${RUN}`, { method: 'HEAD' })).status).toBe(200);
    expect(upstream.seen.length).toBe(before);
  });
});
