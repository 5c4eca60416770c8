import { readFileSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';

// A real HTTP server that misbehaves the ways elizaOS servers and networks do. The run id in
// /api/agents/:agentId/runs/:runId picks the fault, so a viewer proxied in front of it shows
// each failure exactly as a user would meet it. The agent id is free: a test that picks its own
// gets its own request count.

const port = Number(process.env.PORT ?? 4318);

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

type Fault = (res: ServerResponse, runId: string) => void;

export const FAULTS: Record<string, Fault> = {
  html: (res) => {
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end('<!doctype html><html><body><h1>Welcome to nginx!</h1></body></html>');
  },
  // Pages that would run at the viewer's origin if a proxy passed them on (issue 16).
  'script-page': (res) => {
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end('<!doctype html><title>upstream</title><script>document.title = "pwned"; fetch("/api/agents")</script>');
  },
  'svg-page': (res) => {
    res.writeHead(200, { 'Content-Type': 'image/svg+xml' });
    res.end('<svg xmlns="http://www.w3.org/2000/svg"><script>document.title = "pwned"</script></svg>');
  },
  truncated: (res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end('{"success":true,"data":{"summary":{"runId":"truncated","status":"comp');
  },
  empty: (res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end();
  },
  'not-a-run': (res) => json(res, 200, { success: true, data: { runs: [], total: 0, hasMore: false } }),
  unauthorized: (res) => json(res, 401, { error: 'API key required', message: 'Provide X-API-KEY header' }),
  'server-error': (res) => json(res, 500, { success: false, error: { code: 'RUNS_ERROR', message: 'Failed to retrieve run details' } }),
  'rate-limited': (res) =>
    json(res, 429, { success: false, error: { code: 'RATE_LIMIT_EXCEEDED', message: 'Too many requests' } }, { 'Retry-After': '7' }),
  'no-events': (res, runId) =>
    json(res, 200, {
      success: true,
      data: { summary: { runId, status: 'started', counts: { actions: 0, modelCalls: 0, errors: 0, evaluators: 0 } }, events: [] },
    }),
  'server-error-bare': (res) => {
    res.writeHead(500, { 'Content-Type': 'text/plain' });
    res.end('Internal Server Error');
  },
  'not-found': (res) => json(res, 404, { success: false, error: { message: 'API endpoint not found', code: 404 } }),
  // Headers and the start of a body, then nothing: the headers beat the viewer proxy's 30 s
  // header timeout, so only the browser's own idle timeout can end the wait.
  stall: (res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.write('{"success":true,"data":{"summary":{"runId":"stall",');
    stalled.add(res);
    res.on('close', () => stalled.delete(res));
  },
  reset: (res) => {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '100000' });
    res.write('{"success":true,"data":{"summary":{"runId":"reset"');
    setTimeout(() => res.socket?.destroy(), 50);
  },
};

/**
 * Runs that load fine but whose room's memories fail: the run id `memories-<fault>` serves a
 * valid run in the room MEMORY_FAULT_ROOMS[fault], and that room's memories answer with the fault.
 */
export const MEMORY_FAULT_ROOMS: Record<string, string> = {
  unauthorized: '00000000-0000-4000-8000-000000000401',
  'server-error': '00000000-0000-4000-8000-000000000500',
  stall: '00000000-0000-4000-8000-000000000504',
};

function memoryFaultRun(res: ServerResponse, runId: string, roomId: string) {
  const start = Date.UTC(2026, 10, 28, 20, 0, 0);
  const events = [
    { type: 'RUN_STARTED', timestamp: start, data: { source: 'messageHandler', messageId: '00000000-0000-4000-8000-0000000000aa' } },
    {
      type: 'MODEL_USED',
      timestamp: start + 300,
      data: {
        modelType: 'TEXT_LARGE',
        provider: 'fake-model',
        executionTime: 250,
        prompt: '<task>Answer.</task>',
        response: '<response><thought>ok</thought><text>Hi</text></response>',
      },
    },
    { type: 'RUN_ENDED', timestamp: start + 400, data: { status: 'completed', durationMs: 400 } },
  ];
  const summary = {
    runId,
    status: 'completed',
    startedAt: start,
    endedAt: start + 400,
    durationMs: 400,
    messageId: events[0].data.messageId,
    roomId,
  };
  json(res, 200, { success: true, data: { summary, events } });
}

/**
 * A long run (83 events) whose room's memories answer only when a test asks, at GET
 * /release-memories: the conversation panel above the timeline changes height while the user is
 * already moving through the rows, as it does when a real server is slow.
 */
const LATE_MEMORIES_ROOM = '00000000-0000-4000-8000-000000000102';
const heldMemories = new Set<ServerResponse>();

function lateMemoriesRun(res: ServerResponse) {
  const run = JSON.parse(readFileSync(new URL('../fixtures/runs/agent-long/long-run.json', import.meta.url), 'utf8'));
  run.data.summary.runId = 'memories-late';
  run.data.summary.roomId = LATE_MEMORIES_ROOM;
  json(res, 200, run);
}

const stalled = new Set<ServerResponse>();
/** Requests received, by path: tests read them at GET /requests?path=<path>. */
const received = new Map<string, number>();

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const path = url.pathname;
  if (path === '/health') return json(res, 200, { ok: true });
  if (path === '/requests')
    return json(res, 200, { path: url.searchParams.get('path'), count: received.get(url.searchParams.get('path') ?? '') ?? 0 });
  received.set(path, (received.get(path) ?? 0) + 1);
  if (path === '/api/agents')
    return json(res, 200, { success: true, data: { agents: [{ id: 'faulty', name: 'Faulty', status: 'active' }] } });
  const memoryFault = /^memories-(.+)$/.exec(/^\/api\/agents\/[^/]+\/runs\/([^/]+)$/.exec(path)?.[1] ?? '');
  if (memoryFault && Object.hasOwn(MEMORY_FAULT_ROOMS, memoryFault[1]))
    return memoryFaultRun(res, memoryFault[0], MEMORY_FAULT_ROOMS[memoryFault[1]]);
  if (path === '/release-memories') {
    for (const held of heldMemories) json(held, 200, { success: true, data: { memories: [] } });
    json(res, 200, { released: heldMemories.size });
    return heldMemories.clear();
  }
  if (path === '/api/agents/faulty/runs/memories-late') return lateMemoriesRun(res);
  if (/^\/api\/agents\/[^/]+\/memories$/.test(path)) {
    if (url.searchParams.get('roomId') === LATE_MEMORIES_ROOM) {
      heldMemories.add(res);
      return res.on('close', () => heldMemories.delete(res));
    }
    const fault = Object.entries(MEMORY_FAULT_ROOMS).find(([, room]) => room === url.searchParams.get('roomId'))?.[0];
    if (fault) return FAULTS[fault](res, 'memories');
  }
  const match = /^\/api\/agents\/[^/]+\/runs\/([^/]+)$/.exec(path);
  const fault = match && FAULTS[match[1]];
  if (fault) return fault(res, match[1]);
  json(res, 404, { success: false, error: { message: 'API endpoint not found', code: 404 } });
});

server.listen(port, '127.0.0.1', () => console.log(`fault server on http://127.0.0.1:${port}`));
const stop = () => {
  for (const res of [...stalled, ...heldMemories]) res.destroy();
  server.closeAllConnections();
  server.close(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
