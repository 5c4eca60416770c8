// Runs inside the child process that eliza-process.ts spawns with a scrubbed environment.
// Starts a real elizaOS AgentServer with one agent (plugin-bootstrap + the fake model) and
// tells the parent, over IPC, the port it really bound.
import { rmSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { AgentServer } from '@elizaos/server';
import { bootstrapPlugin } from '@elizaos/plugin-bootstrap';
import { fakeModelPlugin } from './fake-model-plugin.mjs';

export const character = {
  name: 'Fakebot',
  username: 'fakebot',
  bio: ['A deterministic test agent for the elizaOS Run Viewer compatibility suite.'],
  system: 'You are Fakebot, a test agent. Answer briefly.',
  plugins: [],
  settings: {},
  secrets: {},
  messageExamples: [],
  postExamples: [],
  topics: [],
  adjectives: [],
  style: { all: [], chat: [], post: [] },
};

function report(message) {
  if (process.send) process.send(message);
}

async function main() {
  const port = Number(process.env.ELIZA_COMPAT_PORT);
  const dataDir = process.env.ELIZA_DATA_DIR;
  if (!Number.isInteger(port) || !dataDir) {
    throw new Error('ELIZA_COMPAT_PORT and ELIZA_DATA_DIR must be set by the parent');
  }

  const server = new AgentServer();
  // Bind first, then start the agent: the server silently moves to the next free port when
  // the requested one is taken, and the agent calls its own server through
  // CENTRAL_MESSAGE_SERVER_URL (read on every call), so that URL must name the bound port.
  await server.start({ port, dataDir });
  const boundPort = server.server.address().port;
  process.env.CENTRAL_MESSAGE_SERVER_URL = `http://127.0.0.1:${boundPort}`;

  // More plugins the parent asked for (ELIZA_COMPAT_PLUGINS: a JSON list of module paths).
  const extraPlugins = await Promise.all(
    JSON.parse(process.env.ELIZA_COMPAT_PLUGINS ?? '[]').map(async (file) => (await import(pathToFileURL(file).href)).default),
  );
  const [runtime] = await server.startAgents([{ character, plugins: [bootstrapPlugin, fakeModelPlugin, ...extraPlugins] }]);
  report({ type: 'ready', port: boundPort, agentId: runtime.agentId, agentName: runtime.character.name });
}

// If the parent dies without stopping us (even by SIGKILL), the IPC channel closes: shut down
// the server and remove the temp dir the parent can no longer remove.
process.on('disconnect', () => {
  process.on('exit', () => rmSync(process.env.ELIZA_COMPAT_TEMP_DIR, { recursive: true, force: true }));
  process.kill(process.pid, 'SIGTERM');
});

main().catch((error) => {
  console.error('[eliza-child] failed to start:', error?.stack ?? error);
  report({ type: 'error', message: String(error?.message ?? error) });
  process.exit(1);
});
