// Deterministic synthetic runs in the real elizaOS 1.7.2 shape: the same spec gives the same run,
// byte for byte (a seeded generator, no clock). Used by the benchmark (bench/generate-runs.ts) and
// for the large sample run (server/sample-runs/generate-large.ts). Pure: no files, no network.

export type RunSpec =
  | { key: string; kind: 'events'; events: number; seed: number }
  | { key: string; kind: 'huge-prompt'; promptBytes: number; seed: number; reportsUsage?: boolean };

/** Bench runs start here; a sample may choose its own start. */
export const STARTED_AT = 1_795_900_000_000;

export interface SyntheticRun {
  ids: RunIds;
  /** `data.summary` of the 1.7.2 detail response. */
  summary: Record<string, unknown>;
  events: RawEvent[];
}

/** The run a spec describes; `ids` and `startedAt` fix what a committed sample needs fixed. */
export function syntheticRun(spec: RunSpec, fixed: { ids?: RunIds; startedAt?: number } = {}): SyntheticRun {
  const random = mulberry32(spec.seed);
  const drawn = { agentId: uuid(random), runId: uuid(random), roomId: uuid(random), messageId: uuid(random), entityId: uuid(random) };
  const ids = fixed.ids ?? drawn;
  const startedAt = fixed.startedAt ?? STARTED_AT;
  const events =
    spec.kind === 'events'
      ? mixedEvents(random, spec.events, ids, startedAt)
      : hugePromptEvents(random, spec.promptBytes, ids, startedAt, spec.reportsUsage ?? false);
  const lastTimestamp = events.reduce((max, event) => Math.max(max, event.timestamp), startedAt);
  const runEnded = events.find((event) => event.type === 'RUN_ENDED');
  const endedAt = runEnded?.timestamp ?? lastTimestamp;
  const summary = {
    runId: ids.runId,
    status: 'completed',
    startedAt,
    endedAt,
    durationMs: endedAt - startedAt,
    messageId: ids.messageId,
    roomId: ids.roomId,
    entityId: ids.entityId,
    counts: {
      actions: 0,
      modelCalls: events.filter((event) => event.type === 'MODEL_USED').length,
      errors: runEnded?.data.error ? 1 : 0,
      evaluators: events.filter((event) => event.type === 'EVALUATOR_COMPLETED').length,
    },
  };
  return { ids, summary, events };
}

export interface RawEvent {
  type: string;
  timestamp: number;
  data: Record<string, unknown>;
}

export interface RunIds {
  agentId: string;
  runId: string;
  roomId: string;
  messageId: string;
  entityId: string;
}

const AGENT_NAME = 'Atlas';
const USER_NAME = 'maria';
const ACTIONS = ['REPLY', 'GET_WEATHER', 'CREATE_REMINDER', 'SEARCH_WEB', 'SEND_MESSAGE', 'UPDATE_CONTACT', 'GENERATE_IMAGE'] as const;
const PROVIDERS = ['openai', 'anthropic', 'openrouter'] as const;

/**
 * A long agent run: "turns" of a planning call with a prompt of a few kB, the message embedding,
 * one to eight actions with nested calls (actionContext), embeddings, sometimes an evaluator; a few
 * failed embeddings; the run ends with an error (hidden failure) and late embeddings follow it.
 */
function mixedEvents(random: () => number, count: number, ids: RunIds, startedAt: number): RawEvent[] {
  const text = textTools(random);
  const events: RawEvent[] = [];
  let now = startedAt;
  const at = (minMs: number, maxMs: number) => (now += text.int(minMs, maxMs));
  events.push({ type: 'RUN_STARTED', timestamp: now, data: { source: 'messageHandler', messageId: ids.messageId } });

  const TAIL = 3;
  const MAX_TURN = 2 + 8 * 7 + 3;
  while (events.length + MAX_TURN < count - TAIL) {
    const message = text.chatLine();
    const planning = text.int(1, 100) <= 30 ? 'TEXT_SMALL' : 'TEXT_LARGE';
    const planningMs = text.int(300, 4000) + random();
    const prompt = text.prompt(`<task>Generate dialog and actions for the character ${AGENT_NAME}.</task>`, text.int(1_000, 5_000));
    events.push(
      modelUsed(
        text,
        at(planningMs, planningMs + 40),
        planning,
        planningMs,
        prompt,
        text.xmlResponse(text.int(100, 400)),
        null,
        text.int(1, 100) <= 12,
      ),
    );
    const embedMs = text.int(40, 160) + random();
    events.push(embedding(text, at(embedMs, embedMs + 10), embedMs, message, null));

    for (let action = text.int(1, 8); action > 0; action--) {
      const actionName = text.pick(ACTIONS);
      const actionId = uuid(random);
      const context = { actionId, actionName };
      events.push({ type: 'ACTION_STARTED', timestamp: at(2, 30), data: { actionId, actionName, messageId: ids.messageId } });
      const prompts: { prompt: string; modelType: string; timestamp: number }[] = [];
      for (let call = text.int(1, 4); call > 0; call--) {
        if (random() < 0.45) {
          const ms = text.int(40, 160) + random();
          events.push(embedding(text, at(ms, ms + 10), ms, text.chatLine(), context));
          continue;
        }
        const modelType = random() < 0.5 ? 'OBJECT_SMALL' : 'TEXT_SMALL';
        const ms = text.int(200, 2500) + random();
        const nestedPrompt = text.extractionPrompt(actionName, text.int(150, 450));
        const event = modelUsed(
          text,
          at(ms, ms + 20),
          modelType,
          ms,
          nestedPrompt,
          text.xmlResponse(text.int(60, 200)),
          context,
          text.int(1, 100) <= 10,
        );
        events.push(event);
        prompts.push({ prompt: nestedPrompt, modelType, timestamp: event.timestamp - Math.round(ms) });
      }
      if (random() < 0.6) events.push(embeddingEvent(text, at(1, 20), random() < 0.03));
      events.push({
        type: 'ACTION_COMPLETED',
        timestamp: at(2, 40),
        data: { actionId, actionName, success: true, result: null, promptCount: prompts.length, prompts },
      });
    }
    if (random() < 0.25) {
      const ms = text.int(400, 1500) + random();
      const reflection = text.prompt('# Task: Generate Agent Reflection', text.int(500, 1500));
      events.push(modelUsed(text, at(ms, ms + 20), 'TEXT_LARGE', ms, reflection, text.xmlResponse(text.int(100, 300)), null, false));
      events.push({ type: 'EVALUATOR_COMPLETED', timestamp: at(2, 20), data: { evaluatorName: 'REFLECTION', success: random() > 0.05 } });
    }
    events.push(embeddingEvent(text, at(1, 30), random() < 0.02));
  }
  while (events.length < count - TAIL) {
    const ms = text.int(40, 160) + random();
    events.push(embedding(text, at(ms, ms + 10), ms, text.chatLine(), null));
  }
  events.push({
    type: 'RUN_ENDED',
    timestamp: at(5, 50),
    data: {
      status: 'completed',
      error: 'Model request failed: 503 Service Unavailable (upstream overloaded)',
      durationMs: now - startedAt,
    },
  });
  const lateMs = text.int(60, 140) + random();
  events.push(embedding(text, at(lateMs, lateMs + 10), lateMs, text.chatLine(), null));
  events.push(embeddingEvent(text, at(1000, 3000), true));
  return events.slice(0, count);
}

/** A short run whose main call carries one huge multi-line prompt (in `prompt` and `params.prompt`, as 1.7.2 logs it). */
function hugePromptEvents(random: () => number, promptBytes: number, ids: RunIds, startedAt: number, reportsUsage: boolean): RawEvent[] {
  const text = textTools(random);
  let now = startedAt;
  const lines: string[] = [`# Task: Generate dialog for the character ${AGENT_NAME}.`, '', '# Attachment: ops channel export', ''];
  let size = 0;
  while (size < promptBytes) {
    const line = text.chatLine();
    lines.push(line);
    size += line.length + 1;
  }
  lines.push('# End of attachment', '', `# Instructions: Summarise the attachment for ${USER_NAME} in at most 8 bullet points.`);
  const prompt = lines.join('\n');
  const callMs = 14_873.4;
  const embedMs = 97.3;
  return [
    { type: 'RUN_STARTED', timestamp: now, data: { source: 'messageHandler', messageId: ids.messageId } },
    embedding(text, (now += 120), embedMs, 'Summarise the ops channel for the Monday review, please.', null),
    modelUsed(text, (now += Math.ceil(callMs) + 30), 'TEXT_LARGE', callMs, prompt, text.xmlResponse(600), null, reportsUsage),
    { type: 'EVALUATOR_COMPLETED', timestamp: (now += 800), data: { evaluatorName: 'REFLECTION', success: true } },
    { type: 'RUN_ENDED', timestamp: (now += 20), data: { status: 'completed', durationMs: now - startedAt } },
    embeddingEvent(text, (now += 150), false),
  ];
}

type TextTools = ReturnType<typeof textTools>;

function modelUsed(
  text: TextTools,
  timestamp: number,
  modelType: string,
  executionTime: number,
  prompt: string,
  response: string,
  actionContext: { actionId: string; actionName: string } | null,
  reportsUsage: boolean,
): RawEvent {
  const data: Record<string, unknown> = {
    modelType,
    provider: text.pick(PROVIDERS),
    executionTime,
    ...(actionContext ? { actionContext } : {}),
    params: { user: AGENT_NAME, prompt, temperature: 0.7, maxTokens: 8192 },
    response,
    prompt,
  };
  if (reportsUsage) {
    const promptTokens = Math.round(prompt.length / 3.8);
    const completionTokens = Math.round(response.length / 3.8);
    data.usage = { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens };
  }
  return { type: 'MODEL_USED', timestamp, data };
}

function embedding(
  text: TextTools,
  timestamp: number,
  executionTime: number,
  input: string,
  actionContext: { actionId: string; actionName: string } | null,
): RawEvent {
  return {
    type: 'MODEL_USED',
    timestamp,
    data: {
      modelType: 'TEXT_EMBEDDING',
      provider: text.pick(PROVIDERS),
      executionTime,
      ...(actionContext ? { actionContext } : {}),
      params: { text: input, user: AGENT_NAME, prompt: null, stream: false },
      response: '[array]',
      prompt: null,
    },
  };
}

function embeddingEvent(text: TextTools, timestamp: number, failed: boolean): RawEvent {
  const data: Record<string, unknown> = { status: failed ? 'failed' : 'completed', memoryId: text.uuid(), durationMs: text.int(0, 2500) };
  if (failed)
    data.error = text.pick([
      'Embedding request failed: 429 Too Many Requests (rate limit reached for text-embedding-3-small)',
      'Embedding request timed out after 30000 ms',
    ]);
  return { type: 'EMBEDDING_EVENT', timestamp, data };
}

function textTools(random: () => number) {
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const people = ['nuno', 'maria', 'joana', 'tiago', 'ines', 'rui', 'beatriz', 'atlas-bot'];
  const services = ['gateway', 'payments', 'search', 'notifications', 'auth', 'ledger'];
  const regions = ['eu-west-1', 'eu-central-1', 'us-east-1'];
  const templates: ReadonlyArray<() => string> = [
    () => `deploy of ${pick(services)} v4.${int(10, 30)}.${int(0, 9)} to ${pick(regions)} finished, p99 at ${int(90, 420)}ms`,
    () => `seeing ${int(2, 60)} 5xx/min on ${pick(services)} since ${int(10, 23)}:${String(int(0, 59)).padStart(2, '0')}, looking`,
    () => `rolled back ${pick(services)} in ${pick(regions)}; error rate back to ${(random() * 0.5).toFixed(2)}%`,
    () =>
      `can someone review PR #${int(300, 420)} (${pick(services)}: ${pick(['bump timeouts', 'fix retry jitter', 'add circuit breaker', 'log request ids'])})?`,
    () => `remind me on Friday at ${int(8, 19)}:00 to check the ${pick(services)} dashboards`,
    () => `what is the weather in ${pick(['Lisbon', 'Porto', 'Faro', 'Braga'])} on Saturday?`,
    () => `db connections on ${pick(services)} at ${int(60, 99)}% of pool, scaling read replicas`,
    () => `+1, thanks ${pick(people)}`,
  ];
  let clock = Date.UTC(2026, 10, 20, 7, 0, 0);
  const chatLine = () => {
    clock += int(5, 240) * 1000;
    return `[${new Date(clock).toISOString().replace('T', ' ').slice(0, 19)}] <${pick(people)}> ${pick(templates)()}`;
  };
  const prompt = (task: string, chars: number) => {
    const parts = [task, '', '<providers>', `# People in the Room\n"${AGENT_NAME}"\n\n"${USER_NAME}"`, '', '# Conversation Messages'];
    let size = parts.join('\n').length;
    while (size < chars - 120) {
      const line = chatLine();
      parts.push(line);
      size += line.length + 1;
    }
    parts.push(
      '</providers>',
      '',
      '<instructions>Respond using XML format: <response><thought>...</thought><text>...</text></response></instructions>',
    );
    return parts.join('\n');
  };
  const extractionPrompt = (actionName: string, chars: number) => {
    let message = chatLine();
    while (message.length < chars - 140) message += ` ${pick(templates)()}`;
    return `# Task: ${actionName.toLowerCase().replace('_', ' ')} for ${USER_NAME}.\n\nMessage: "${message}"\n\nReturn a JSON object {"ok": boolean, "arguments": object} and nothing else.`;
  };
  const xmlResponse = (chars: number) => {
    let body = '';
    while (body.length < chars) body += `${pick(templates)()}. `;
    return `<response><thought>${pick(['answer directly', 'check the facts first', 'use an action'])}</thought><text>${body.trim()}</text></response>`;
  };
  return { int, pick, chatLine, prompt, extractionPrompt, xmlResponse, uuid: () => uuid(random) };
}

/** mulberry32: small, seedable, good enough for varied sample data. */
function mulberry32(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let x = Math.imul(state ^ (state >>> 15), 1 | state);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

function uuid(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
  hex[12] = '4';
  hex[16] = '89ab'[Math.floor(random() * 4)];
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}
