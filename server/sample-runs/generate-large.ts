import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Writes 550e8400-.../large-prompt.json: a real-shape run whose main model call carries a ~1 MB,
// multi-line prompt (a week of chat export to summarise), for testing how the viewer copes with
// huge payloads. Deterministic: a seeded generator, fixed ids and timestamps.
// Run: npx tsx server/sample-runs/generate-large.ts

const AGENT = '550e8400-e29b-41d4-a716-446655440000';
const USER = '3f1c9a52-7d4e-4b8a-9e21-5c6d8f0a1b23';
const RUN_ID = '3a5c7e9b-1d3f-4a5c-8e7b-9d1f3b5d7f29';
const ROOM_ID = 'f3b5d7f9-1a3c-4e5a-b7c9-4a6c8e0a2c86';
const MESSAGE_ID = 'a7c9e1a3-5b7d-4f9a-91c3-8e0a2c4e6a37';
const STARTED_AT = 1795890310448;
const TARGET_CHARS = 1_000_000;

/** mulberry32: small, seedable, good enough to vary sample text. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let x = Math.imul(state ^ (state >>> 15), 1 | state);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const next = random(20261126);
const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));

const people = ['nuno', 'maria', 'joana', 'tiago', 'ines', 'rui', 'beatriz', 'atlas-bot'];
const services = ['gateway', 'payments', 'search', 'notifications', 'auth', 'ledger'];
const regions = ['eu-west-1', 'eu-central-1', 'us-east-1'];
const templates: ReadonlyArray<() => string> = [
  () => `deploy of ${pick(services)} v4.${int(10, 30)}.${int(0, 9)} to ${pick(regions)} finished, p99 at ${int(90, 420)}ms`,
  () => `seeing ${int(2, 60)} 5xx/min on ${pick(services)} since ${int(10, 23)}:${String(int(0, 59)).padStart(2, '0')}, looking`,
  () => `rolled back ${pick(services)} in ${pick(regions)}; error rate back to ${(next() * 0.5).toFixed(2)}%`,
  () => `rate limiter rejected ${int(100, 9000)} requests from tenant t-${int(1000, 9999)}, probably a retry storm`,
  () => `can someone review PR #${int(300, 420)} (${pick(services)}: ${pick(['bump timeouts', 'fix retry jitter', 'add circuit breaker', 'log request ids', 'drop legacy endpoint'])})?`,
  () => `on-call handover: ${pick(people)} -> ${pick(people)}, nothing open except the ${pick(services)} latency ticket`,
  () => `db connections on ${pick(services)} at ${int(60, 99)}% of pool, scaling read replicas`,
  () => `postmortem draft for INC-${int(1200, 1299)} is in the doc, please add your timeline notes`,
  () => `alert resolved: ${pick(services)} ${pick(['CPU', 'memory', 'queue depth', 'disk'])} back under threshold`,
  () => `+1, thanks ${pick(people)}`,
];

function chatExport(): string {
  const lines: string[] = [];
  let size = 0;
  let time = Date.UTC(2026, 10, 20, 7, 0, 0);
  while (size < TARGET_CHARS) {
    time += int(5, 240) * 1000;
    const stamp = new Date(time).toISOString().replace('T', ' ').slice(0, 19);
    const line = `[${stamp}] <${pick(people)}> ${pick(templates)()}`;
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join('\n');
}

const request = 'Can you summarise this week in #ops-gateway for the Monday review? Incidents, deploys, open PRs.';
const prompt = [
  '# Task: Generate dialog for the character Atlas.',
  '',
  `# People in the Room\n"Atlas"\nID: ${AGENT}\n\n"maria"\nID: ${USER}`,
  '',
  '# Attachment: ops-gateway-2026-11-20_to_2026-11-26.txt (channel export)',
  chatExport(),
  '# End of attachment',
  '',
  `# Conversation Messages\n(just now) [${USER}] maria: ${request}`,
  '',
  '# Instructions: Summarise the attachment for maria in at most 8 bullet points.',
  'Respond using XML format:\n<response><thought>...</thought><text>...</text></response>',
].join('\n');

const summaryText = [
  '- 3 incidents: INC-1241 (payments 5xx, rolled back), INC-1256 (search latency), INC-1263 (auth DB pool saturation).',
  '- 41 deploys across eu-west-1, eu-central-1 and us-east-1; 4 rollbacks.',
  '- Rate limiter repeatedly rejected retry storms from a handful of tenants; see PR #341.',
  '- Open PRs needing review: #318, #341, #377, #402.',
  '- Postmortem drafts for INC-1241 and INC-1256 still need timeline notes.',
].join('\n');

const callMs = 9874.2;
const callEnd = STARTED_AT + 412 + 10_021;
const endedAt = callEnd + 37;
const run = {
  success: true,
  data: {
    summary: {
      runId: RUN_ID,
      status: 'completed',
      startedAt: STARTED_AT,
      endedAt,
      durationMs: endedAt - STARTED_AT,
      messageId: MESSAGE_ID,
      roomId: ROOM_ID,
      entityId: USER,
      counts: { actions: 0, modelCalls: 2, errors: 0, evaluators: 0 },
    },
    events: [
      { type: 'RUN_STARTED', timestamp: STARTED_AT, data: { source: 'messageHandler', messageId: MESSAGE_ID } },
      {
        type: 'MODEL_USED',
        timestamp: STARTED_AT + 412,
        data: {
          modelType: 'TEXT_EMBEDDING',
          provider: 'openai',
          executionTime: 398.5,
          params: { text: request, user: 'Atlas', prompt: null, stream: false },
          response: '[array]',
          prompt: null,
        },
      },
      {
        type: 'MODEL_USED',
        timestamp: callEnd,
        data: {
          modelType: 'TEXT_LARGE',
          provider: 'openai',
          executionTime: callMs,
          params: { user: 'Atlas', prompt, stream: false },
          response: `<response><thought>Long export; group by incidents, deploys and reviews.</thought><text>${summaryText}</text></response>`,
          prompt,
          usage: { prompt_tokens: 291_406, completion_tokens: 187, total_tokens: 291_593 },
        },
      },
      { type: 'RUN_ENDED', timestamp: endedAt, data: { status: 'completed', durationMs: endedAt - STARTED_AT } },
    ],
  },
};

const out = join(dirname(fileURLToPath(import.meta.url)), AGENT, 'large-prompt.json');
writeFileSync(out, `${JSON.stringify(run, null, 2)}\n`);
console.log(`wrote ${out} (${prompt.length} prompt chars)`);
