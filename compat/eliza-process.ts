// The elizaOS server process: a real elizaOS 1.7.2 server in a child process (plain `node`,
// scrubbed environment, loopback only, fresh data dir), a loopback sink standing in for Sentry,
// and exit hooks so that no server outlives its caller.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import markers from './markers.json' with { type: 'json' };

/** This folder: the child's scripts and the default log live here. */
export const COMPAT_DIR = path.dirname(fileURLToPath(import.meta.url));

const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;

// ---------------------------------------------------------------------------------------------
// Small loopback HTTP sink standing in for Sentry: the server reports errors to SENTRY_DSN and
// falls back to a public address when it is unset.

export interface SentrySink {
  port: number;
  dsn: string;
  /** How many reports (POSTs) it has received. */
  readonly posts: number;
  close(): Promise<void>;
}

export function startSentrySink(): Promise<SentrySink> {
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
      const { port } = server.address() as AddressInfo;
      resolve({
        port,
        dsn: `http://key@127.0.0.1:${port}/1`,
        get posts() {
          return posts;
        },
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

// ---------------------------------------------------------------------------------------------
// The server process.

const liveChildren = new Set<{ killNow(): void }>();
let exitHooksInstalled = false;

// A crash or Ctrl-C in the caller must not leave an elizaOS server behind. (The child also
// exits by itself when its IPC channel to us closes, which covers SIGKILL of the parent.)
function installExitHooks(): void {
  if (exitHooksInstalled) return;
  exitHooksInstalled = true;
  process.on('exit', () => {
    for (const handle of liveChildren) handle.killNow();
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      // Someone else handles this signal (the CLI stops the server gracefully): leave it to them.
      if (process.listenerCount(signal) > 0) return;
      for (const handle of liveChildren) handle.killNow();
      process.kill(process.pid, signal);
    });
  }
}

interface ChildSettings {
  port: number;
  dataDir: string;
  homeDir: string;
  sentryDsn: string;
  authToken: string | undefined;
  webClient: boolean;
  plugins: string[];
}

function scrubbedEnv({ port, dataDir, homeDir, sentryDsn, authToken, webClient, plugins }: ChildSettings): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
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

/** What eliza-child.mjs sends over IPC. */
type ChildMessage = { type: 'ready'; port: number; agentId: string; agentName: string } | { type: 'error'; message: string };

export interface StartOptions {
  /** Sets ELIZA_SERVER_AUTH_TOKEN: every /api request then needs this X-API-KEY. */
  authToken?: string;
  /** Also serve elizaOS's official web client (ELIZA_UI_ENABLE=true). Default false. */
  webClient?: boolean;
  /** Paths of more plugin modules (their default export) to add to the agent, e.g. the Run Viewer's. */
  plugins?: string[];
  /** Fail (instead of silently moving) if this port is taken. Default: a free port. */
  port?: number;
  logFile?: string;
  startTimeoutMs?: number;
}

export interface ElizaServer {
  baseUrl: string;
  port: number;
  agentId: string;
  agentName: string;
  pid: number;
  tempDir: string;
  logFile: string;
  sentry: SentrySink;
  /** Outbound connections to a non-loopback host that the child's guard refused so far. */
  readonly blockedConnections: number;
  /** Settles when the server process exits, for whatever reason. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM, SIGKILL after 10 s; then the temp dir is removed. */
  stop(): Promise<void>;
}

/** Starts elizaOS on 127.0.0.1 in a child process with a fresh data dir. */
export async function startElizaServer({
  authToken,
  webClient = false,
  plugins = [],
  port: requestedPort,
  logFile = path.join(COMPAT_DIR, '.data', 'eliza-server.log'),
  startTimeoutMs = START_TIMEOUT_MS,
}: StartOptions = {}): Promise<ElizaServer> {
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
  const lastLines: string[] = [];
  let blockedConnections = 0;
  const remember = (chunk: Buffer) => {
    log.write(chunk);
    for (const line of chunk.toString().split('\n')) {
      if (!line.trim()) continue;
      if (line.includes(markers.blockedConnection)) blockedConnections += 1;
      lastLines.push(line);
      if (lastLines.length > 40) lastLines.shift();
    }
  };

  // Plain node, not tsx: the child's files are JavaScript (see compat/README.md).
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
  child.stdout!.on('data', remember);
  child.stderr!.on('data', remember);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );

  let cleanedUp = false;
  const cleanUp = async () => {
    if (cleanedUp) return;
    cleanedUp = true;
    liveChildren.delete(handle);
    await sentry.close();
    await new Promise<void>((resolve) => log.end(resolve));
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

  const failure = (reason: string) => {
    const error = new Error(
      `elizaOS server did not start: ${reason}\n` + `full log: ${logFile}\n--- last lines of its output ---\n${lastLines.join('\n')}`,
    );
    error.name = 'ElizaStartError';
    return error;
  };

  let ready: Extract<ChildMessage, { type: 'ready' }>;
  try {
    ready = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(failure(`no ready message within ${Math.round(startTimeoutMs / 1000)} s`)), startTimeoutMs);
      child.on('message', (message: ChildMessage | undefined) => {
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
    pid: child.pid!,
    tempDir,
    logFile,
    sentry,
    get blockedConnections() {
      return blockedConnections;
    },
    exited,
    stop,
  };
}
