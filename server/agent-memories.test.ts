import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SAMPLES_DIR } from '../src/run/test-samples';
import { startServer, type RunningServer } from './app-server';
import { fakeDist, rawRequest, tempDir, writeFile } from './test-support';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const ROOM = '98ed26be-8155-03f9-932a-d2626d6691f4';
const OTHER_ROOM = '11111111-2222-4333-8444-555555555555';
const AGENT = 'b0aec2f9-fc2e-04c1-99b1-f50283740495';
const captured = readFileSync(join(SAMPLES_DIR, 'elizaos-1.7.2/memories-room-of-reply-action.json'), 'utf8');

describe('embedded memories', () => {
  const runs = tempDir('runs');
  const dist = tempDir('dist');
  const warn = vi.fn();
  let server: RunningServer;

  beforeAll(async () => {
    fakeDist(dist.path);
    const memories = join(runs.path, AGENT, 'memories');
    writeFile(memories, 'room.json', captured);
    writeFile(memories, 'other.json', [{ id: 'elsewhere', roomId: OTHER_ROOM, createdAt: 5, content: { text: 'another room' } }]);
    writeFile(memories, 'broken.json', '{ nope');
    server = await startServer({ port: 0, runsDir: runs.path, distDir: dist.path, warn });
  });
  afterAll(async () => {
    await server.close();
    runs.remove();
    dist.remove();
  });

  it('serves RUNS_DIR/<agentId>/memories/*.json for one room, newest first, in the real envelope', async () => {
    const res = await rawRequest(server.url, `/api/agents/${AGENT}/memories?roomId=${ROOM}`);
    expect(res.status).toBe(200);
    const body = res.json() as Json;
    expect(body.success).toBe(true);
    expect(body.data.memories).toEqual((JSON.parse(captured) as Json).data.memories);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('skipping memories file'));
  });

  it('refuses a request without a room UUID, like the proxy', async () => {
    for (const query of ['', '?tableName=facts', '?roomId=room-1']) {
      const res = await rawRequest(server.url, `/api/agents/${AGENT}/memories${query}`);
      expect(res.status).toBe(400);
      expect((res.json() as Json).error.code).toBe('INVALID_QUERY');
    }
  });

  it('answers an unknown agent with 404 and an agent without memories with none', async () => {
    expect((await rawRequest(server.url, `/api/agents/nobody/memories?roomId=${ROOM}`)).status).toBe(404);
    writeFile(join(runs.path, 'agent-b'), 'agent.json', { name: 'B' });
    expect((await rawRequest(server.url, `/api/agents/agent-b/memories?roomId=${ROOM}`)).json()).toEqual({
      success: true,
      data: { memories: [] },
    });
    expect((await rawRequest(server.url, `/api/agents/${AGENT}/memories/extra?roomId=${ROOM}`)).status).toBe(404);
  });
});

describe('proxied memories', () => {
  const dist = tempDir('dist');
  const seen: string[] = [];
  let upstream: Server;
  let server: RunningServer;

  beforeAll(async () => {
    fakeDist(dist.path);
    upstream = createServer((req, res) => {
      seen.push(req.url ?? '');
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(captured);
    });
    await new Promise<void>((done) => upstream.listen(0, '127.0.0.1', done));
    const url = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
    server = await startServer({ port: 0, distDir: dist.path, elizaServerUrl: url });
  });
  afterAll(async () => {
    await server.close();
    await new Promise((done) => upstream.close(done));
    dist.remove();
  });

  it('forwards only the room id, whatever else the request asks for', async () => {
    const res = await rawRequest(
      server.url,
      `/api/agents/${AGENT}/memories?tableName=facts&roomId=${ROOM}&includeEmbedding=true&roomId=${OTHER_ROOM}`,
    );
    expect(res.status).toBe(200);
    expect(res.text).toBe(captured);
    expect(seen).toEqual([`/api/agents/${AGENT}/memories?roomId=${ROOM}`]);
  });

  it('refuses, without asking upstream, a request that would return every room or another table', async () => {
    seen.length = 0;
    for (const query of ['', '?tableName=facts', '?roomId=not-a-uuid', `?roomId=${ROOM}x`, '?roomId=%27%20or%201']) {
      const res = await rawRequest(server.url, `/api/agents/${AGENT}/memories${query}`);
      expect(res.status, query).toBe(400);
      expect((res.json() as Json).error.code).toBe('INVALID_QUERY');
    }
    for (const method of ['POST', 'DELETE']) {
      expect((await rawRequest(server.url, `/api/agents/${AGENT}/memories?roomId=${ROOM}`, { method })).status).toBe(405);
    }
    expect(seen).toEqual([]);
  });
});
