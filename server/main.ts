import { startServer } from './app-server';

// `npm start` / `npm run serve` / `npm run dev`: reads the environment, starts the viewer,
// prints where it is. Everything else lives in app-server.ts so tests can start it on port 0.

const dev = process.argv.includes('--dev');
const env = process.env;

const port = env.PORT === undefined || env.PORT === '' ? 4173 : Number(env.PORT);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`elizaOS Run Viewer: PORT must be a port number, got "${env.PORT}".`);
  process.exit(1);
}

try {
  const server = await startServer({
    port,
    host: env.HOST || '127.0.0.1',
    allowedHosts: list(env.ALLOWED_HOSTS),
    runsDir: env.RUNS_DIR || undefined,
    elizaServerUrl: env.ELIZA_SERVER_URL || undefined,
    elizaServerAuthToken: env.ELIZA_SERVER_AUTH_TOKEN || undefined,
    directServerOrigins: directOrigins(env.DIRECT_SERVER_ORIGINS),
    dev,
  });
  console.log(`elizaOS Run Viewer${dev ? ' (dev)' : ''}: ${server.url}  (${server.apiDescription})`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`elizaOS Run Viewer: ${signal}, stopping.`);
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
} catch (error) {
  console.error(`elizaOS Run Viewer: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

/** A comma-separated list, e.g. ALLOWED_HOSTS=viewer.example.com,viewer.internal. */
function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

/** DIRECT_SERVER_ORIGINS=http://host:3000,https://other: elizaOS servers the page may call itself. */
function directOrigins(value: string | undefined): string[] {
  return list(value).map((origin) => {
    const url = new URL(origin);
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new Error(`DIRECT_SERVER_ORIGINS: ${origin} is not an http(s) origin.`);
    return url.origin;
  });
}
