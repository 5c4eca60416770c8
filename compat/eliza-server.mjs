// Starts a real elizaOS 1.7.2 server (in a child process, scrubbed environment, loopback only)
// with a deterministic fake model, and creates one agent run per compatibility scenario.
//
//   node compat/eliza-server.mjs [--auth-token X] [--manifest path.json] [--port N] [--web-client] [--plugin path.js]...
//
// prints "elizaOS ready at http://127.0.0.1:PORT" once the manifest is written, then stays up
// until SIGTERM/SIGINT.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BLOCKED_PREFIX } from './loopback-guard.mjs';
import { SCENARIO_MARKERS } from './fake-model-plugin.mjs';

const COMPAT_DIR = path.dirname(fileURLToPath(import.meta.url));
export const DEFAULT_MANIFEST_PATH = path.join(COMPAT_DIR, '.data', 'manifest.json');
export const MESSAGE_SERVER_ID = '00000000-0000-0000-0000-000000000000';
// The human side of every conversation; fixed so captured runs are easy to recognise.
export const USER_ID = '5e2b7a1c-0c4d-4f7e-9a3b-1d2c3e4f5a6b';

const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;
const RUN_TIMEOUT_MS = 30_000;
const POLL_MS = 200;
// plugin-bootstrap's reflection evaluator runs only when the room holds more than
// ceil(conversationLength / 4) = 8 messages (default conversationLength 32) since its last
// reflection. Each answered message adds two (the user's and the agent's), so the 5th
// message in one room is the first whose run has EVALUATOR_COMPLETED.
const GROUP_WARMUP_MESSAGES = 4;

// ---------------------------------------------------------------------------------------------
// Small loopback HTTP sink standing in for Sentry: the server reports errors to SENTRY_DSN and
// falls back to a public address when it is unset.

export function startSentrySink() {
  let posts = 0;
  const server = http.createServer((req, res) => {
    if (req.method === 'POST') posts += 1;
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({
        port,
        dsn: `http://key@127.0.0.1:${port}/1`,
        get posts() {
          return posts;
        },
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

// ---------------------------------------------------------------------------------------------
// The server process.

const liveChildren = new Set();
let exitHooksInstalled = false;

// A crash or Ctrl-C in the caller must not leave an elizaOS server behind. (The child also
// exits by itself when its IPC channel to us closes, which covers SIGKILL of the parent.)
function installExitHooks() {
  if (exitHooksInstalled) return;
  exitHooksInstalled = true;
  process.on('exit', () => {
    for (const handle of liveChildren) handle.killNow();
  });
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      // Someone else handles this signal (the CLI stops the server gracefully): leave it to them.
      if (process.listenerCount(signal) > 0) return;
      for (const handle of liveChildren) handle.killNow();
      process.kill(process.pid, signal);
    });
  }
}

function scrubbedEnv({ port, dataDir, homeDir, sentryDsn, authToken, webClient, plugins }) {
  const env = {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: homeDir,
    TMPDIR: os.tmpdir(),
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.ELIZA_COMPAT_LOG_LEVEL ?? 'info',
    TZ: 'UTC',
    SERVER_HOST: '127.0.0.1',
    SERVER_PORT: String(port),
    SENTRY_DSN: sentryDsn,
    SENTRY_ENVIRONMENT: 'compat-test',
    CENTRAL_MESSAGE_SERVER_URL: `http://127.0.0.1:${port}`,
    ELIZA_UI_ENABLE: webClient ? 'true' : 'false',
    ELIZA_NO_AUTO_INSTALL: 'true',
    ELIZA_NO_PLUGIN_AUTO_INSTALL: 'true',
    ELIZA_DATA_DIR: dataDir,
    DO_NOT_TRACK: '1',
    SECRET_SALT: 'elizaos-run-viewer-compat',
    ELIZA_COMPAT_PORT: String(port),
    ELIZA_COMPAT_TEMP_DIR: path.dirname(dataDir),
  };
  if (authToken) env.ELIZA_SERVER_AUTH_TOKEN = authToken;
  if (plugins.length > 0) env.ELIZA_COMPAT_PLUGINS = JSON.stringify(plugins);
  return env;
}

/**
 * Starts elizaOS on 127.0.0.1 in a child process with a fresh data dir.
 * `webClient`: the server also serves its official web client (ELIZA_UI_ENABLE=true).
 * `plugins`: paths of more plugin modules (default export) for the agent, e.g. the Run Viewer's.
 * Resolves to { baseUrl, port, agentId, agentName, pid, tempDir, logFile, sentry, stop() }.
 */
export async function startElizaServer({
  authToken,
  webClient = false,
  plugins = [],
  port: requestedPort,
  logFile = path.join(COMPAT_DIR, '.data', 'eliza-server.log'),
  startTimeoutMs = START_TIMEOUT_MS,
} = {}) {
  installExitHooks();
  const sentry = await startSentrySink();
  const tempDir = mkdtempSync(path.join(os.tmpdir(), 'eliza-compat-'));
  const homeDir = path.join(tempDir, 'home');
  const dataDir = path.join(tempDir, 'data');
  mkdirSync(homeDir);
  // The server loads the first .env found from its cwd upwards; an empty one here stops the walk.
  writeFileSync(path.join(tempDir, '.env'), '');
  const port = requestedPort ?? (await freePort());

  mkdirSync(path.dirname(logFile), { recursive: true });
  const log = createWriteStream(logFile);
  const lastLines = [];
  let blockedConnections = 0;
  const remember = (chunk) => {
    log.write(chunk);
    for (const line of chunk.toString().split('\n')) {
      if (!line.trim()) continue;
      if (line.includes(BLOCKED_PREFIX)) blockedConnections += 1;
      lastLines.push(line);
      if (lastLines.length > 40) lastLines.shift();
    }
  };

  const child = spawn(
    process.execPath,
    ['--import', path.join(COMPAT_DIR, 'loopback-guard.mjs'), path.join(COMPAT_DIR, 'eliza-child.mjs')],
    {
      cwd: tempDir,
      env: scrubbedEnv({
        port,
        dataDir,
        homeDir,
        sentryDsn: sentry.dsn,
        authToken,
        webClient,
        plugins: plugins.map((file) => path.resolve(file)),
      }),
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    },
  );
  child.stdout.on('data', remember);
  child.stderr.on('data', remember);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

  let cleanedUp = false;
  const cleanUp = async () => {
    if (cleanedUp) return;
    cleanedUp = true;
    liveChildren.delete(handle);
    await sentry.close();
    await new Promise((resolve) => log.end(resolve));
    rmSync(tempDir, { recursive: true, force: true });
  };
  const handle = {
    killNow() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      rmSync(tempDir, { recursive: true, force: true });
    },
  };
  liveChildren.add(handle);

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    }
    await cleanUp();
  };

  const failure = (reason) => {
    const error = new Error(
      `elizaOS server did not start: ${reason}\n` + `full log: ${logFile}\n--- last lines of its output ---\n${lastLines.join('\n')}`,
    );
    error.name = 'ElizaStartError';
    return error;
  };

  let ready;
  try {
    ready = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(failure(`no ready message within ${Math.round(startTimeoutMs / 1000)} s`)), startTimeoutMs);
      child.on('message', (message) => {
        if (message?.type === 'ready') {
          clearTimeout(timer);
          resolve(message);
        } else if (message?.type === 'error') {
          clearTimeout(timer);
          reject(failure(message.message));
        }
      });
      exited.then(({ code, signal }) => {
        clearTimeout(timer);
        reject(failure(`the process exited early (code ${code}, signal ${signal})`));
      });
    });
    if (requestedPort !== undefined && ready.port !== requestedPort) {
      throw failure(`port ${requestedPort} was taken; the server moved to ${ready.port}`);
    }
  } catch (error) {
    await stop();
    throw error;
  }

  const baseUrl = `http://127.0.0.1:${ready.port}`;
  return {
    baseUrl,
    port: ready.port,
    agentId: ready.agentId,
    agentName: ready.agentName,
    pid: child.pid,
    tempDir,
    logFile,
    sentry,
    get blockedConnections() {
      return blockedConnections;
    },
    /** Settles when the server process exits, for whatever reason: { code, signal }. */
    exited,
    stop,
  };
}

// ---------------------------------------------------------------------------------------------
// Talking to the API.

// The server allows 1000 /api requests per 15 min per IP, loopback included, shared by this
// harness, the agent's calls to its own server and the tests. The last value it reported:
export const rateLimit = { remaining: undefined };

export async function api(baseUrl, pathname, { method = 'GET', body, apiKey } = {}) {
  const headers = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (apiKey) headers['x-api-key'] = apiKey;
  const response = await fetch(new URL(pathname, baseUrl), {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const remaining = response.headers.get('ratelimit-remaining');
  if (remaining !== null) rateLimit.remaining = Number(remaining);
  const text = await response.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (!response.ok || json?.success === false) {
    throw new Error(`${method} ${pathname} -> ${response.status}: ${text.slice(0, 500)}`);
  }
  return json;
}

// Same as @elizaos/core's createUniqueUuid(runtime, channelId): the agent's room for a channel.
export function roomIdFor(channelId, agentId) {
  const bytes = createHash('sha1')
    .update(encodeURIComponent(`${channelId}:${agentId}`))
    .digest()
    .subarray(0, 16);
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  bytes[6] = bytes[6] & 0x0f;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

async function waitFor(description, check, timeoutMs = RUN_TIMEOUT_MS) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    last = await check();
    if (last.done) return last.value;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${description}; last state: ${JSON.stringify(last?.state)}`);
}

async function listRoomRuns(baseUrl, agentId, roomId, apiKey) {
  // `from` makes the server skip its 15 s cache of the list.
  const json = await api(baseUrl, `/api/agents/${agentId}/runs?roomId=${roomId}&from=1&limit=100`, { apiKey });
  return json.data.runs;
}

export async function getRunDetail(baseUrl, agentId, runId, roomId, apiKey) {
  const json = await api(baseUrl, `/api/agents/${agentId}/runs/${runId}?roomId=${roomId}`, { apiKey });
  return json.data;
}

async function createChannel(baseUrl, { agentId, type, name, apiKey }) {
  const json = await api(baseUrl, '/api/messaging/channels', {
    method: 'POST',
    apiKey,
    body: {
      name,
      type,
      message_server_id: MESSAGE_SERVER_ID,
      participantCentralUserIds: [USER_ID, agentId],
    },
  });
  return json.data.id;
}

// Posts through the message bus (the path the web client uses) and returns at once; the run
// is found by polling its room.
async function postMessage(baseUrl, { channelId, channelType, text, apiKey }) {
  await api(baseUrl, `/api/messaging/channels/${channelId}/messages`, {
    method: 'POST',
    apiKey,
    body: {
      author_id: USER_ID,
      content: text,
      message_server_id: MESSAGE_SERVER_ID,
      source_type: 'eliza_gui',
      metadata: { channelType, user_display_name: 'Compat User' },
    },
  });
}

async function waitForNewRun(baseUrl, { agentId, roomId, knownRunIds, apiKey, timeoutMs = 10_000 }) {
  return waitFor(
    `a new run in room ${roomId}`,
    async () => {
      const runs = await listRoomRuns(baseUrl, agentId, roomId, apiKey);
      const fresh = runs.find((run) => !knownRunIds.has(run.runId));
      return { done: Boolean(fresh), value: fresh, state: runs.map((run) => run.runId) };
    },
    timeoutMs,
  );
}

// A run is settled when it has ended and the embedding of its message has landed: embeddings
// finish after RUN_ENDED, and a model call made after the next run starts is attributed to
// that next run (the runtime tracks one current run).
async function waitForSettledRun(baseUrl, { agentId, roomId, runId, apiKey, timeoutMs = RUN_TIMEOUT_MS }) {
  return waitFor(
    `run ${runId} to end and its embedding to land`,
    async () => {
      const detail = await getRunDetail(baseUrl, agentId, runId, roomId, apiKey);
      const types = detail.events.map((event) => event.type);
      const ended = detail.summary.status !== 'started';
      return { done: ended && types.includes('EMBEDDING_EVENT'), value: detail, state: { status: detail.summary.status, types } };
    },
    timeoutMs,
  );
}

// knownRunIds: the runs this harness already made in the channel (none for a new channel);
// the new run is added to it.
async function sendAndSettle(baseUrl, { agentId, channelId, channelType, text, apiKey, knownRunIds = new Set() }) {
  const roomId = roomIdFor(channelId, agentId);
  await postMessage(baseUrl, { channelId, channelType, text, apiKey });
  const run = await waitForNewRun(baseUrl, { agentId, roomId, knownRunIds, apiKey });
  knownRunIds.add(run.runId);
  const detail = await waitForSettledRun(baseUrl, { agentId, roomId, runId: run.runId, apiKey });
  return { runId: run.runId, roomId, channelId, messageText: text, detail };
}

// ---------------------------------------------------------------------------------------------
// Scenarios.

const DM_SCENARIOS = ['simple', 'reply-action', 'model-error', 'action-error', 'embedding-error'];

const messageFor = (scenario) => `Fakebot, please answer ${SCENARIO_MARKERS[scenario]}`;

// What each scenario promises, checked against the run detail read back from the server.
const EXPECTATIONS = {
  simple: (detail, types) =>
    !types.includes('ACTION_STARTED') &&
    detail.events.some((e) => e.type === 'MODEL_USED' && e.data.modelType === 'TEXT_LARGE') &&
    !endedWithError(detail),
  'reply-action': (detail) =>
    hasEvent(detail, 'ACTION_COMPLETED', (d) => d.actionName === 'REPLY') &&
    hasEvent(detail, 'MODEL_USED', (d) => d.modelType === 'TEXT_LARGE' && d.actionContext?.actionName === 'REPLY') &&
    !endedWithError(detail),
  'model-error': (detail) => endedWithError(detail) && !hasEvent(detail, 'ACTION_STARTED'),
  'action-error': (detail) =>
    hasEvent(detail, 'ACTION_COMPLETED', (d) => d.actionName === 'REPLY') &&
    !hasEvent(detail, 'MODEL_USED', (d) => d.modelType === 'TEXT_LARGE' && d.actionContext) &&
    !endedWithError(detail),
  'embedding-error': (detail) => hasEvent(detail, 'EMBEDDING_EVENT', (d) => d.status === 'failed'),
  'group-evaluator': (detail) =>
    hasEvent(detail, 'EVALUATOR_COMPLETED', (d) => d.evaluatorName === 'REFLECTION') &&
    hasEvent(detail, 'MODEL_USED', (d) => d.modelType === 'TEXT_SMALL' && String(d.prompt).includes('whether they should respond')),
};

function hasEvent(detail, type, predicate = () => true) {
  return detail.events.some((event) => event.type === type && predicate(event.data ?? {}));
}

function endedWithError(detail) {
  return hasEvent(detail, 'RUN_ENDED', (d) => typeof d.error === 'string' && d.error.length > 0);
}

function check(scenario, detail) {
  const types = detail.events.map((event) => event.type);
  if (!EXPECTATIONS[scenario](detail, types)) {
    throw new Error(`scenario ${scenario} did not produce the expected run; events: ${types.join(', ')}`);
  }
}

/**
 * Creates one run per scenario (except `slow`), one at a time, each waited for until settled.
 * Returns { baseUrl, agentId, agentName, userId, messageServerId, runs: { [scenario]: { runId,
 * roomId, channelId, messageText } }, groupWarmupRuns: [...], rateLimitRemaining }.
 */
export async function createScenarioRuns(baseUrl, { apiKey } = {}) {
  const agents = (await api(baseUrl, '/api/agents', { apiKey })).data.agents;
  const agent = agents.find((candidate) => candidate.status === 'active') ?? agents[0];
  if (!agent) throw new Error(`no agent at ${baseUrl}`);
  const agentId = agent.id;
  const runs = {};

  for (const scenario of DM_SCENARIOS) {
    const channelId = await createChannel(baseUrl, { agentId, type: 'DM', name: `compat ${scenario}`, apiKey });
    const { detail, ...run } = await sendAndSettle(baseUrl, {
      agentId,
      channelId,
      channelType: 'DM',
      text: messageFor(scenario),
      apiKey,
    });
    check(scenario, detail);
    runs[scenario] = run;
  }

  const groupChannelId = await createChannel(baseUrl, { agentId, type: 'GROUP', name: 'compat group', apiKey });
  const groupWarmupRuns = [];
  const groupRunIds = new Set();
  for (let i = 1; i <= GROUP_WARMUP_MESSAGES + 1; i += 1) {
    const { detail, ...run } = await sendAndSettle(baseUrl, {
      agentId,
      channelId: groupChannelId,
      channelType: 'GROUP',
      text: `Message ${i} to the room ${SCENARIO_MARKERS['group-evaluator']}`,
      apiKey,
      knownRunIds: groupRunIds,
    });
    if (i <= GROUP_WARMUP_MESSAGES) {
      groupWarmupRuns.push(run);
    } else {
      check('group-evaluator', detail);
      runs['group-evaluator'] = run;
    }
  }

  return {
    baseUrl,
    agentId,
    agentName: agent.name,
    userId: USER_ID,
    messageServerId: MESSAGE_SERVER_ID,
    runs,
    groupWarmupRuns,
    rateLimitRemaining: rateLimit.remaining,
  };
}

/**
 * Sends the `slow` message (its main model call takes ~4 s) and returns as soon as the run
 * exists in `started` state: { runId, roomId, channelId, messageText }. Call waitForRunEnd
 * before sending anything else to the server.
 */
export async function startSlowRun(baseUrl, manifest, { apiKey } = {}) {
  const { agentId } = manifest;
  const channelId = await createChannel(baseUrl, { agentId, type: 'DM', name: 'compat slow', apiKey });
  const roomId = roomIdFor(channelId, agentId);
  const messageText = messageFor('slow');
  await postMessage(baseUrl, { channelId, channelType: 'DM', text: messageText, apiKey });
  const run = await waitForNewRun(baseUrl, { agentId, roomId, knownRunIds: new Set(), apiKey });
  if (run.status !== 'started') {
    throw new Error(`the slow run ${run.runId} was already ${run.status} when first seen`);
  }
  return { runId: run.runId, roomId, channelId, messageText };
}

/** Waits until a run has ended and its message embedding has landed; returns the run detail. */
export async function waitForRunEnd(baseUrl, manifest, { runId, roomId }, { apiKey, timeoutMs } = {}) {
  return waitForSettledRun(baseUrl, { agentId: manifest.agentId, roomId, runId, apiKey, timeoutMs });
}

// ---------------------------------------------------------------------------------------------
// CLI.

function parseArgs(argv) {
  const options = { manifest: DEFAULT_MANIFEST_PATH };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${arg} needs a value`);
      return argv[++i];
    };
    if (arg === '--auth-token') options.authToken = value();
    else if (arg === '--web-client') options.webClient = true;
    else if (arg === '--plugin') options.plugins = [...(options.plugins ?? []), value()];
    else if (arg === '--manifest') options.manifest = path.resolve(value());
    else if (arg === '--port') options.port = Number(value());
    else
      throw new Error(
        `unknown argument ${arg}; usage: eliza-server.mjs [--auth-token X] [--manifest path.json] [--port N] [--web-client] [--plugin path.js]...`,
      );
  }
  return options;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const server = await startElizaServer({
    authToken: options.authToken,
    port: options.port,
    webClient: options.webClient,
    plugins: options.plugins,
  });
  let stopping = false;
  const shutdown = async (code) => {
    if (stopping) return;
    stopping = true;
    await server.stop();
    console.error(
      `elizaOS stopped (sentry sink received ${server.sentry.posts} POSTs, ` +
        `${server.blockedConnections} non-loopback connections blocked)`,
    );
    process.exit(code);
  };
  process.on('SIGINT', () => shutdown(0));
  process.on('SIGTERM', () => shutdown(0));
  server.exited.then(({ code, signal }) => {
    if (stopping) return;
    console.error(`elizaOS server exited unexpectedly (code ${code}, signal ${signal}); log: ${server.logFile}`);
    shutdown(1);
  });

  try {
    const manifest = await createScenarioRuns(server.baseUrl, { apiKey: options.authToken });
    mkdirSync(path.dirname(options.manifest), { recursive: true });
    writeFileSync(options.manifest, `${JSON.stringify(manifest, null, 2)}\n`);
    console.log(`elizaOS ready at ${server.baseUrl}`);
  } catch (error) {
    console.error(`creating the scenario runs failed: ${error.stack ?? error}\nserver log: ${server.logFile}`);
    await shutdown(1);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(error.name === 'ElizaStartError' ? error.message : (error.stack ?? String(error)));
    process.exit(1);
  });
}
