import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startElizaServer, type ElizaServer } from '../../compat/eliza-process';
import { createScenarioRuns, type Manifest } from '../../compat/scenarios';
import { PROJECT_ROOT, startServer, type RunningServer } from '../../server/app-server';
import { ENV_FILE_VARIABLE, TOKEN_VARIABLE, type CompatEnv } from './compat-env';

// Two real elizaOS 1.7.2 servers (A without auth, B with a random API key), the scenario runs on
// each, and three viewers in proxy mode in front of them. Both servers also serve their official
// web client, with the built Run Viewer plugin loaded next to the fake model. Returns the teardown.

// Server logs stay here after the run. The hand-over file goes to a private temp dir: another
// Playwright run in this project (npm run test:e2e) empties test-results/ when it starts.
const LOG_DIR = path.join(PROJECT_ROOT, 'test-results', 'compat-servers');

export default async function globalSetup(): Promise<() => Promise<void>> {
  const indexHtml = path.join(PROJECT_ROOT, 'dist', 'index.html');
  if (!existsSync(indexHtml)) {
    throw new Error(`${indexHtml} is missing: the compat suite serves the built app and plugin. Run \`npm run build\` first.`);
  }
  mkdirSync(LOG_DIR, { recursive: true });
  const handOverDir = mkdtempSync(path.join(os.tmpdir(), 'viewer-compat-'));
  const distDir = snapshotDist(path.dirname(indexHtml), path.join(handOverDir, 'dist'));
  const pluginEntry = snapshotPlugin(path.join(PROJECT_ROOT, 'plugin', 'dist'), path.join(handOverDir, 'plugin'));

  const token = randomBytes(24).toString('base64url');
  const stops: (() => Promise<void>)[] = [async () => rmSync(handOverDir, { recursive: true, force: true })];
  // Viewers and servers stop side by side (elizaOS takes a moment); also after a failed setup.
  const teardown = async () => {
    const results = await Promise.allSettled(stops.map((stop) => stop()));
    const failed = results.filter((result) => result.status === 'rejected');
    if (failed.length > 0)
      console.error(
        `compat teardown: ${failed.length} shutdown step(s) failed`,
        failed.map((result) => result.reason),
      );
  };

  const started = Date.now();
  const seconds = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
  try {
    const [serverA, serverB] = await startBoth(stops, [
      { label: 'A (no auth)', logFile: path.join(LOG_DIR, 'eliza-a.log'), pluginEntry },
      { label: 'B (API key required)', logFile: path.join(LOG_DIR, 'eliza-b.log'), authToken: token, pluginEntry },
    ]);
    console.log(`compat: elizaOS A and B started in ${seconds()}`);
    const [manifestA, manifestB] = await Promise.all([scenarioRuns(serverA, 'A'), scenarioRuns(serverB, 'B', token)]);

    const viewer = async (elizaServerUrl: string, elizaServerAuthToken?: string) => {
      const running: RunningServer = await startServer({ port: 0, host: '127.0.0.1', elizaServerUrl, elizaServerAuthToken, distDir });
      stops.push(() => running.close());
      return running.url;
    };
    const env: CompatEnv = {
      serverA: { baseUrl: serverA.baseUrl, logFile: serverA.logFile, manifest: manifestA },
      serverB: { baseUrl: serverB.baseUrl, logFile: serverB.logFile, manifest: manifestB },
      distDir,
      viewers: {
        a: await viewer(serverA.baseUrl),
        bWithoutKey: await viewer(serverB.baseUrl),
        bWithKey: await viewer(serverB.baseUrl, token),
      },
    };
    console.log(
      `compat: scenario runs made on A and B, viewers up, after ${seconds()} (server logs in ${path.relative(PROJECT_ROOT, LOG_DIR)}/)`,
    );
    const envFile = path.join(handOverDir, 'compat-env.json');
    writeFileSync(envFile, `${JSON.stringify(env, null, 2)}\n`);
    // Workers inherit the runner's environment; the key is never written to disk or printed.
    process.env[ENV_FILE_VARIABLE] = envFile;
    process.env[TOKEN_VARIABLE] = token;
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}

// A build started elsewhere while the suite runs (npm test builds) empties dist/ for a moment, so
// the viewers serve a copy taken now.
function snapshotDist(from: string, to: string): string {
  cpSync(from, to, { recursive: true });
  const html = readFileSync(path.join(to, 'index.html'), 'utf8');
  const missing = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)]
    .map((match) => match[1])
    .filter((file) => !existsSync(path.join(to, file)));
  if (missing.length > 0)
    throw new Error(`dist/ changed while it was copied (is a build running?); missing ${missing.join(', ')}. Run the suite again.`);
  return to;
}

// The built plugin, copied for the same reason as dist/; elizaOS loads it from the copy.
function snapshotPlugin(from: string, to: string): string {
  if (!existsSync(path.join(from, 'index.js')) || !existsSync(path.join(from, 'app', 'index.html'))) {
    throw new Error(`${from} is incomplete: the compat suite loads the built Run Viewer plugin. Run \`npm run build\` first.`);
  }
  cpSync(from, to, { recursive: true });
  return path.join(to, 'index.js');
}

interface ServerSpec {
  label: string;
  logFile: string;
  authToken?: string;
  pluginEntry: string;
}

async function startBoth(stops: (() => Promise<void>)[], specs: [ServerSpec, ServerSpec]): Promise<[ElizaServer, ElizaServer]> {
  const results = await Promise.allSettled(
    specs.map((spec) =>
      startElizaServer({ authToken: spec.authToken, logFile: spec.logFile, webClient: true, plugins: [spec.pluginEntry] }),
    ),
  );
  const servers: ElizaServer[] = [];
  const problems: string[] = [];
  results.forEach((result, index) => {
    if (result.status === 'fulfilled') {
      servers.push(result.value);
      stops.push(() => result.value.stop());
    } else {
      const reason = result.reason instanceof Error ? result.reason.message : String(result.reason);
      problems.push(`The real elizaOS 1.7.2 server ${specs[index].label} did not start.\n${reason}`);
    }
  });
  if (problems.length > 0) throw new Error(`compat suite: cannot run without a real elizaOS server.\n\n${problems.join('\n\n')}`);
  return [servers[0], servers[1]];
}

async function scenarioRuns(server: ElizaServer, label: string, apiKey?: string): Promise<Manifest> {
  try {
    return await createScenarioRuns(server.baseUrl, { apiKey });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `compat suite: creating the scenario runs on the real elizaOS server ${label} failed: ${reason}\nserver log: ${server.logFile}`,
    );
  }
}
