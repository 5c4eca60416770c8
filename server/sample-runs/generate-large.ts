import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { syntheticRun } from '../../bench/synthetic-run';

// Writes 550e8400-.../large-prompt.json: a real-shape run whose main model call carries a ~1 MB,
// multi-line prompt (a chat export to summarise), with reported usage, for testing how the viewer
// copes with huge payloads. The benchmark's deterministic generator, with fixed ids and start time.
// Run: npx tsx server/sample-runs/generate-large.ts

const AGENT = '550e8400-e29b-41d4-a716-446655440000';
const { summary, events } = syntheticRun(
  { key: 'large-prompt', kind: 'huge-prompt', promptBytes: 1_000_000, seed: 20261126, reportsUsage: true },
  {
    ids: {
      agentId: AGENT,
      runId: '3a5c7e9b-1d3f-4a5c-8e7b-9d1f3b5d7f29',
      roomId: 'f3b5d7f9-1a3c-4e5a-b7c9-4a6c8e0a2c86',
      messageId: 'a7c9e1a3-5b7d-4f9a-91c3-8e0a2c4e6a37',
      entityId: '3f1c9a52-7d4e-4b8a-9e21-5c6d8f0a1b23',
    },
    startedAt: 1795890310448,
  },
);

const out = join(dirname(fileURLToPath(import.meta.url)), AGENT, 'large-prompt.json');
writeFileSync(out, `${JSON.stringify({ success: true, data: { summary, events } }, null, 2)}\n`);
console.log(`wrote ${out} (${events.length} events)`);
