import { copyFileSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPrompts, sectionPieceInputs } from '../src/run/context-breakdown';
import { normalizeRun } from '../src/run/normalize';
import { estimateInputs, TOKENIZER_NAME, type EstimateInput } from '../src/run/token-estimate';
import { startServer, type RunningServer } from './app-server';
import { fakeDist, rawRequest, tempDir, writeFile } from './test-support';

// The server's estimates must be the browser worker's, number for number, on every captured run.

const ROOT = join(import.meta.dirname, '..');
const CAPTURED = [
  ...files(join(ROOT, 'e2e/fixtures/samples/elizaos-1.7.2')),
  ...files(join(ROOT, 'e2e/fixtures/samples/documented')),
  ...files(join(ROOT, 'compat/captured')).filter((file) => basename(file).startsWith('run-detail-')),
  ...readdirSync(join(ROOT, 'server/sample-runs'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => files(join(ROOT, 'server/sample-runs', entry.name))),
].filter((file) => !basename(file).startsWith('runs-list') && basename(file) !== 'agent.json');

function files(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .map((name) => join(dir, name));
}

/** The worker script itself, run in Node: it answers a message the way it does in the browser. */
async function countInWorkerScript(inputs: EstimateInput[]): Promise<Map<string, { prompt: number; completion: number; total: number }>> {
  const scope = globalThis as unknown as {
    self?: { onmessage?: (message: { data: EstimateInput[] }) => void; postMessage?: (data: unknown) => void };
  };
  const self = (scope.self ??= {});
  await import('../src/run/token-estimate.worker');
  return new Promise((resolve) => {
    self.postMessage = (data) => resolve(new Map(data as [string, { prompt: number; completion: number; total: number }][]));
    self.onmessage!({ data: inputs });
  });
}

describe('token estimates on the server', () => {
  const runs = tempDir('estimates');
  const dist = tempDir('dist');
  let server: RunningServer;
  const samples: { file: string; agentId: string; runId: string; inputs: EstimateInput[]; sections: EstimateInput[] }[] = [];

  beforeAll(async () => {
    CAPTURED.forEach((file, index) => {
      const agentId = `agent-${index}`;
      let run;
      try {
        run = normalizeRun(JSON.parse(readFileSync(file, 'utf8')), agentId);
      } catch {
        return; // A sample of a bad run (the hostile ones): nothing to count.
      }
      writeFile(join(runs.path, agentId), 'agent.json', { name: basename(file) });
      copyFileSync(file, join(runs.path, agentId, 'run.json'));
      samples.push({ file, agentId, runId: run.runId, inputs: estimateInputs(run), sections: sectionPieceInputs(runPrompts(run)) });
    });
    fakeDist(dist.path);
    server = await startServer({ port: 0, runsDir: runs.path, distDir: dist.path, warn: () => {} });
  });

  afterAll(async () => {
    await server.close();
    runs.remove();
    dist.remove();
  });

  it('gives the numbers the browser worker gives, on every captured run', async () => {
    expect(samples.length).toBeGreaterThan(20);
    let calls = 0;
    for (const { file, agentId, runId, inputs } of samples) {
      const response = await rawRequest(server.url, `/viewer-api/token-estimates/${agentId}/${runId}`, {
        headers: { 'accept-encoding': 'gzip' },
      });
      expect(response.status, file).toBe(200);
      const body = response.json() as { tokenizer: string; estimates: [string, number, number][] };
      expect(body.tokenizer).toBe(TOKENIZER_NAME);
      const worker = await countInWorkerScript(inputs);
      const counted = new Map(body.estimates.map(([id, prompt, completion]) => [id, { prompt, completion, total: prompt + completion }]));
      expect(counted, file).toEqual(worker);
      calls += counted.size;
    }
    // Stock 1.7.2 reports no tokens: most captured calls need an estimate.
    expect(calls).toBeGreaterThan(30);
  });

  it('gives the numbers the browser worker gives for the context breakdown’s prompt sections, on every captured run', async () => {
    let pieces = 0;
    for (const { file, agentId, runId, sections } of samples) {
      const response = await rawRequest(server.url, `/viewer-api/token-estimates/${agentId}/${runId}?of=sections`);
      expect(response.status, file).toBe(200);
      const body = response.json() as { tokenizer: string; estimates: [string, number, number][] };
      const worker = await countInWorkerScript(sections);
      const counted = new Map(body.estimates.map(([id, prompt, completion]) => [id, { prompt, completion, total: prompt + completion }]));
      expect(counted, file).toEqual(worker);
      pieces += counted.size;
    }
    // The REPLY and large-prompt runs carry composed prompts with many sections.
    expect(pieces).toBeGreaterThan(50);
  });

  it('counts a changed run again, and refuses what is not a run id', async () => {
    const { agentId, runId } = samples.find((sample) => sample.file.endsWith('elizaos-1.7.2/run-detail-reply-action.json'))!;
    const path = `/viewer-api/token-estimates/${agentId}/${runId}`;
    const before = (await rawRequest(server.url, path)).json() as { estimates: [string, number, number][] };
    const file = join(runs.path, agentId, 'run.json');
    writeFile(
      runs.path,
      `${agentId}/run.json`,
      readFileSync(file, 'utf8').replace(/"prompt":\s*"/g, '"prompt": "one two three four five six seven eight nine ten '),
    );
    const after = (await rawRequest(server.url, path)).json() as { estimates: [string, number, number][] };
    expect(after.estimates).not.toEqual(before.estimates);

    expect((await rawRequest(server.url, `/viewer-api/token-estimates/${agentId}/no-such-run`)).status).toBe(404);
    expect((await rawRequest(server.url, `/viewer-api/token-estimates/${agentId}/..%2f..`)).status).toBe(400);
    expect((await rawRequest(server.url, path, { method: 'POST' })).status).toBe(405);
    expect((await rawRequest(server.url, `${path}?of=everything`)).status).toBe(400);
  });
});
