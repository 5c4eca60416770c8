// Starts a real elizaOS 1.7.2 server (in a child process, scrubbed environment, loopback only)
// with a deterministic fake model, and creates one agent run per compatibility scenario.
//
//   npx tsx compat/eliza-server.ts [--auth-token X] [--manifest path.json] [--port N] [--web-client] [--plugin path.js]...
//
// prints "elizaOS ready at http://127.0.0.1:PORT" once the manifest is written, then stays up
// until SIGTERM/SIGINT.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { COMPAT_DIR, startElizaServer } from './eliza-process';
import { createScenarioRuns } from './scenarios';

const USAGE = 'eliza-server.ts [--auth-token X] [--manifest path.json] [--port N] [--web-client] [--plugin path.js]...';

function readOptions(argv: string[]) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        'auth-token': { type: 'string' },
        manifest: { type: 'string', default: path.join(COMPAT_DIR, '.data', 'manifest.json') },
        port: { type: 'string' },
        'web-client': { type: 'boolean' },
        plugin: { type: 'string', multiple: true },
      },
    }));
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}; usage: ${USAGE}`);
  }
  return {
    authToken: values['auth-token'],
    manifest: path.resolve(values.manifest),
    port: values.port === undefined ? undefined : Number(values.port),
    webClient: values['web-client'],
    plugins: values.plugin,
  };
}

async function main() {
  const options = readOptions(process.argv.slice(2));
  const server = await startElizaServer({
    authToken: options.authToken,
    port: options.port,
    webClient: options.webClient,
    plugins: options.plugins,
  });
  let stopping = false;
  const shutdown = async (code: number) => {
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
    console.error(`creating the scenario runs failed: ${(error as Error).stack ?? error}\nserver log: ${server.logFile}`);
    await shutdown(1);
  }
}

main().catch((error: Error) => {
  console.error(error.name === 'ElizaStartError' ? error.message : (error.stack ?? String(error)));
  process.exit(1);
});
