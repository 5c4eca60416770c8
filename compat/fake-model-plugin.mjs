// A deterministic stand-in for an LLM provider, so a real elizaOS 1.7.2 server can run here
// without network access. It recognises plugin-bootstrap's prompts by phrases from its
// templates and is steered per message by a marker word in the user's text (the marker shows
// up in every prompt built from the conversation and in the embedding's params.text).

import { readFileSync } from 'node:fs';

export const PROVIDER_NAME = 'fake-model';

// Each channel hosts one scenario only: the recent-messages section of a prompt holds every
// message of the room, so two markers in one room would confuse the steering. The markers live in
// markers.json, which the harness reads too, to write them into its messages.
const SCENARIO_MARKERS = JSON.parse(readFileSync(new URL('./markers.json', import.meta.url), 'utf8')).scenarios;

// Long enough for a loaded 2-core CI machine to open the run page while the run is still going.
export const SLOW_MODEL_MS = 10_000;
export const EMBEDDING_DIMENSION = 384;

const PROMPT_KINDS = [
  ['should-respond', 'whether they should respond to the message'],
  ['message-handler', 'Generate dialog and actions for the character'],
  ['reply-action', 'Generate dialog for the character'],
  ['reflection', 'Generate Agent Reflection'],
];

function promptKind(prompt) {
  return PROMPT_KINDS.find(([, phrase]) => prompt.includes(phrase))?.[0] ?? 'other';
}

function scenarioIn(text) {
  if (typeof text !== 'string') return undefined;
  return Object.entries(SCENARIO_MARKERS).find(([, marker]) => text.includes(marker))?.[0];
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function xml(fields) {
  const body = Object.entries(fields)
    .map(([tag, value]) => `  <${tag}>${value}</${tag}>`)
    .join('\n');
  return `<response>\n${body}\n</response>`;
}

// The reply texts never contain a marker, so the agent's own messages cannot steer later calls.
function messageHandlerReply(scenario) {
  if (scenario === 'reply-action' || scenario === 'action-error') {
    // A provider plus an empty text makes the runtime run the REPLY action, which asks the
    // model again ("Generate dialog for the character") inside the action.
    return xml({
      thought: 'I should look up what I know, then answer through the REPLY action.',
      actions: 'REPLY',
      providers: 'FACTS',
      text: '',
    });
  }
  return xml({
    thought: 'A short, direct answer is enough here.',
    actions: 'REPLY',
    providers: '',
    text: `Hello from the fake model (${scenario ?? 'no scenario'}).`,
  });
}

async function generateText(modelType, params) {
  const prompt = typeof params?.prompt === 'string' ? params.prompt : '';
  const kind = promptKind(prompt);
  const scenario = scenarioIn(prompt);

  switch (kind) {
    case 'should-respond':
      return xml({
        name: 'Fakebot',
        reasoning: 'The message is addressed to the room and I can help.',
        action: 'RESPOND',
      });
    case 'message-handler':
      if (scenario === 'model-error') {
        throw new Error(`fake ${modelType} failure (${SCENARIO_MARKERS['model-error']})`);
      }
      if (scenario === 'slow') await sleep(SLOW_MODEL_MS);
      return messageHandlerReply(scenario);
    case 'reply-action':
      if (scenario === 'action-error') {
        throw new Error(`fake ${modelType} failure inside REPLY (${SCENARIO_MARKERS['action-error']})`);
      }
      return xml({
        thought: 'Answering with what the FACTS provider gave me.',
        text: 'Here is my answer, written by the REPLY action.',
      });
    case 'reflection':
      return xml({
        thought: 'The conversation went fine; nothing new to remember.',
        facts: '',
        relationships: '',
      });
    default:
      return xml({ thought: 'Nothing specific to do.', text: 'OK.' });
  }
}

// A stable, non-zero unit vector derived from the text (FNV-1a seeded LCG).
function embeddingFor(text) {
  let seed = 2166136261;
  for (const char of String(text)) {
    seed ^= char.codePointAt(0);
    seed = Math.imul(seed, 16777619) >>> 0;
  }
  const vector = new Array(EMBEDDING_DIMENSION);
  let norm = 0;
  for (let i = 0; i < EMBEDDING_DIMENSION; i += 1) {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    vector[i] = seed / 2 ** 32 - 0.5;
    norm += vector[i] ** 2;
  }
  norm = Math.sqrt(norm);
  return vector.map((value) => value / norm);
}

async function embed(_runtime, params) {
  // The SQL plugin probes the dimension with `null` params at startup.
  const text = typeof params === 'string' ? params : (params?.text ?? '');
  if (scenarioIn(text) === 'embedding-error') {
    throw new Error(`fake TEXT_EMBEDDING failure (${SCENARIO_MARKERS['embedding-error']})`);
  }
  return embeddingFor(text || 'probe');
}

async function generateObject(_runtime, params) {
  return { ok: true, prompt: typeof params?.prompt === 'string' ? params.prompt.slice(0, 80) : null };
}

export const fakeModelPlugin = {
  name: PROVIDER_NAME,
  description: 'Deterministic fake model for the viewer compatibility suite (no network).',
  priority: 1000,
  models: {
    TEXT_SMALL: (_runtime, params) => generateText('TEXT_SMALL', params),
    TEXT_LARGE: (_runtime, params) => generateText('TEXT_LARGE', params),
    TEXT_EMBEDDING: embed,
    OBJECT_SMALL: generateObject,
    OBJECT_LARGE: generateObject,
  },
};
