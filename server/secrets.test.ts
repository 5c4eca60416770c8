import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from './app-server';
import { fakeDist, rawRequest, tempDir } from './test-support';

// Secure defaults seen from outside: the API key never shows up in what the server prints or
// answers, even while requests fail upstream, and the server listens on loopback only.

const TOKEN = 'tok-5e1f9c2d-never-print-me';

function listen(server: Server): Promise<string> {
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
}

/** Everything written to stdout and stderr (console.* included) while `work` runs. */
async function captureOutput(work: () => Promise<void>): Promise<string[]> {
  const lines: string[] = [];
  const original = { out: process.stdout.write, err: process.stderr.write };
  const record = (chunk: unknown) => {
    lines.push(String(chunk));
    return true;
  };
  process.stdout.write = record as typeof process.stdout.write;
  process.stderr.write = record as typeof process.stderr.write;
  try {
    await work();
  } finally {
    process.stdout.write = original.out;
    process.stderr.write = original.err;
  }
  return lines;
}

describe('the API key stays secret', () => {
  const dist = tempDir('dist');
  let upstream: Server;
  let upstreamUrl: string;
  let deadUrl: string;
  const keysSeen: string[] = [];

  beforeAll(async () => {
    fakeDist(dist.path);
    // An upstream that fails every way it can once the key arrived: 500, a reset mid-body, silence.
    upstream = createServer((req, res) => {
      keysSeen.push(String(req.headers['x-api-key']));
      const agent = (req.url ?? '').split('/')[3];
      if (agent === 'reset') {
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '1000' });
        res.write('{"success":true,');
        return void setTimeout(() => res.socket?.destroy(), 20);
      }
      if (agent === 'slow') return;
      res.writeHead(500, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ success: false, error: { code: 'RUNS_ERROR', message: 'Failed to retrieve run details' } }));
    });
    upstreamUrl = await listen(upstream);
    const closed = createServer();
    deadUrl = await listen(closed);
    await new Promise((done) => closed.close(done));
  });

  afterAll(async () => {
    upstream.closeAllConnections();
    await new Promise((done) => upstream.close(done));
    dist.remove();
  });

  it('is in no log line, start line, response or error message while requests fail upstream', async () => {
    const answers: string[] = [];
    const lines = await captureOutput(async () => {
      for (const [target, paths] of [
        [upstreamUrl, ['/api/agents/a1/runs/r1', '/api/agents/reset/runs/r1', '/api/agents/slow/runs/r1', '/api/agents/a1/nope']],
        // The key also in the URL's credentials: the start line and errors must not repeat it.
        [deadUrl.replace('http://', `http://user:${TOKEN}@`), ['/api/agents', '/api/agents/a1/runs?limit=5']],
      ] as const) {
        const server: RunningServer = await startServer({
          port: 0,
          distDir: dist.path,
          elizaServerUrl: target,
          elizaServerAuthToken: TOKEN,
          upstreamTimeoutMs: 300,
        });
        // What main.ts prints on start (console.log, which vitest would intercept before stdout).
        process.stdout.write(`elizaOS Run Viewer: ${server.url}  (${server.apiDescription})\n`);
        for (const path of paths) {
          const answer = await rawRequest(server.url, path).catch((error: Error) => ({ status: 0, text: error.message, headers: {} }));
          answers.push(`${answer.status} ${answer.text} ${JSON.stringify(answer.headers)}`);
        }
        await server.close();
      }
    });

    expect(lines.join('')).toContain('API key: set');
    expect(answers.join('\n')).toMatch(/502 .*UPSTREAM_UNREACHABLE/);
    expect(answers.join('\n')).toMatch(/504 .*UPSTREAM_TIMEOUT/);
    expect(answers.join('\n')).toMatch(/500 .*RUNS_ERROR/);
    // The key did travel, upstream only.
    expect(keysSeen.length).toBe(3);
    expect(new Set(keysSeen)).toEqual(new Set([TOKEN]));
    for (const text of [...lines, ...answers]) expect(text).not.toContain(TOKEN);
  });
});

describe('secure defaults', () => {
  const dist = tempDir('dist');
  const runs = tempDir('runs');
  beforeAll(() => fakeDist(dist.path));
  afterAll(() => {
    dist.remove();
    runs.remove();
  });

  it('listens on loopback only unless told otherwise', async () => {
    const server = await startServer({ port: 0, distDir: dist.path, runsDir: runs.path });
    try {
      const { hostname, port } = new URL(server.url);
      expect(hostname).toBe('127.0.0.1');
      expect((await rawRequest(server.url, '/api/agents')).status).toBe(200);
      // Reached through any other address of this machine, nothing answers.
      const external = Object.values(networkInterfaces())
        .flat()
        .find((address) => address && address.family === 'IPv4' && !address.internal);
      if (external) {
        const refused = await new Promise<boolean>((done) => {
          const socket = connect(Number(port), external.address);
          socket.once('connect', () => (socket.destroy(), done(false)));
          socket.once('error', () => done(true));
        });
        expect(refused, `port ${port} on ${external.address}`).toBe(true);
      }
    } finally {
      await server.close();
    }
  });
});
