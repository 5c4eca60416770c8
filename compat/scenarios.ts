// The compatibility scenarios: one agent run each, made by sending a message whose marker word
// steers the fake model (markers.json), and checked against what the scenario promises.
import {
  createChannel,
  listAgents,
  MESSAGE_SERVER_ID,
  postMessage,
  rateLimit,
  roomIdFor,
  sendAndSettle,
  USER_ID,
  waitForNewRun,
  waitForSettledRun,
} from './eliza-api';
import type { RunDetail, SentMessage } from './eliza-api';
import markers from './markers.json' with { type: 'json' };

type MarkedScenario = keyof typeof markers.scenarios;

// plugin-bootstrap's reflection evaluator runs only when the room holds more than
// ceil(conversationLength / 4) = 8 messages (default conversationLength 32) since its last
// reflection. Each answered message adds two (the user's and the agent's), so the 5th
// message in one room is the first whose run has EVALUATOR_COMPLETED.
const GROUP_WARMUP_MESSAGES = 4;

const DM_SCENARIOS = [
  'simple',
  'reply-action',
  'model-error',
  'action-error',
  'embedding-error',
] as const satisfies readonly MarkedScenario[];

/** The scenarios whose runs are made at startup (`slow` is started on demand). */
export type Scenario = (typeof DM_SCENARIOS)[number] | 'group-evaluator';

export interface Manifest {
  baseUrl: string;
  agentId: string;
  agentName: string;
  userId: string;
  messageServerId: string;
  runs: Record<Scenario, SentMessage>;
  /** The 4 ordinary group messages sent before the group-evaluator one, oldest first. */
  groupWarmupRuns: SentMessage[];
  /** RateLimit-Remaining after setup: the server allows 1000 /api requests per 15 min per IP. */
  rateLimitRemaining: number | undefined;
}

const messageFor = (scenario: MarkedScenario) => `Fakebot, please answer ${markers.scenarios[scenario]}`;

type EventData = Record<string, unknown>;

// What each scenario promises, checked against the run detail read back from the server.
const EXPECTATIONS: Record<Scenario, (detail: RunDetail, types: string[]) => boolean> = {
  simple: (detail, types) =>
    !types.includes('ACTION_STARTED') &&
    detail.events.some((e) => e.type === 'MODEL_USED' && e.data.modelType === 'TEXT_LARGE') &&
    !endedWithError(detail),
  'reply-action': (detail) =>
    hasEvent(detail, 'ACTION_COMPLETED', (d) => d.actionName === 'REPLY') &&
    hasEvent(
      detail,
      'MODEL_USED',
      (d) => d.modelType === 'TEXT_LARGE' && (d.actionContext as { actionName?: unknown } | undefined)?.actionName === 'REPLY',
    ) &&
    !endedWithError(detail),
  'model-error': (detail) => endedWithError(detail) && !hasEvent(detail, 'ACTION_STARTED'),
  'action-error': (detail) =>
    hasEvent(detail, 'ACTION_COMPLETED', (d) => d.actionName === 'REPLY') &&
    !hasEvent(detail, 'MODEL_USED', (d) => d.modelType === 'TEXT_LARGE' && Boolean(d.actionContext)) &&
    !endedWithError(detail),
  'embedding-error': (detail) => hasEvent(detail, 'EMBEDDING_EVENT', (d) => d.status === 'failed'),
  'group-evaluator': (detail) =>
    hasEvent(detail, 'EVALUATOR_COMPLETED', (d) => d.evaluatorName === 'REFLECTION') &&
    hasEvent(detail, 'MODEL_USED', (d) => d.modelType === 'TEXT_SMALL' && String(d.prompt).includes('whether they should respond')),
};

function hasEvent(detail: RunDetail, type: string, predicate: (data: EventData) => boolean = () => true): boolean {
  return detail.events.some((event) => event.type === type && predicate(event.data ?? {}));
}

function endedWithError(detail: RunDetail): boolean {
  return hasEvent(detail, 'RUN_ENDED', (d) => typeof d.error === 'string' && d.error.length > 0);
}

function check(scenario: Scenario, detail: RunDetail): void {
  const types = detail.events.map((event) => event.type);
  if (!EXPECTATIONS[scenario](detail, types)) {
    throw new Error(`scenario ${scenario} did not produce the expected run; events: ${types.join(', ')}`);
  }
}

/** Creates one run per scenario (except `slow`), one at a time, each waited for until settled. */
export async function createScenarioRuns(baseUrl: string, { apiKey }: { apiKey?: string } = {}): Promise<Manifest> {
  const agents = await listAgents(baseUrl, apiKey);
  const agent = agents.find((candidate) => candidate.status === 'active') ?? agents[0];
  if (!agent) throw new Error(`no agent at ${baseUrl}`);
  const agentId = agent.id;
  const runs: Partial<Record<Scenario, SentMessage>> = {};

  for (const scenario of DM_SCENARIOS) {
    const channelId = await createChannel(baseUrl, { agentId, type: 'DM', name: `compat ${scenario}`, apiKey });
    const { detail, ...run } = await sendAndSettle(baseUrl, {
      agentId,
      channelId,
      channelType: 'DM',
      text: messageFor(scenario),
      apiKey,
    });
    check(scenario, detail);
    runs[scenario] = run;
  }

  const groupChannelId = await createChannel(baseUrl, { agentId, type: 'GROUP', name: 'compat group', apiKey });
  const groupWarmupRuns: SentMessage[] = [];
  const groupRunIds = new Set<string>();
  for (let i = 1; i <= GROUP_WARMUP_MESSAGES + 1; i += 1) {
    const { detail, ...run } = await sendAndSettle(baseUrl, {
      agentId,
      channelId: groupChannelId,
      channelType: 'GROUP',
      text: `Message ${i} to the room ${markers.scenarios['group-evaluator']}`,
      apiKey,
      knownRunIds: groupRunIds,
    });
    if (i <= GROUP_WARMUP_MESSAGES) {
      groupWarmupRuns.push(run);
    } else {
      check('group-evaluator', detail);
      runs['group-evaluator'] = run;
    }
  }

  return {
    baseUrl,
    agentId,
    agentName: agent.name,
    userId: USER_ID,
    messageServerId: MESSAGE_SERVER_ID,
    // Every scenario has its run here: each one above either set it or threw.
    runs: runs as Record<Scenario, SentMessage>,
    groupWarmupRuns,
    rateLimitRemaining: rateLimit.remaining,
  };
}

/**
 * Sends the `slow` message (its main model call takes ~10 s) and returns as soon as the run
 * exists in `started` state. Call waitForRunEnd before sending anything else to the server.
 */
export async function startSlowRun(
  baseUrl: string,
  manifest: Pick<Manifest, 'agentId'>,
  { apiKey }: { apiKey?: string } = {},
): Promise<SentMessage> {
  const { agentId } = manifest;
  const channelId = await createChannel(baseUrl, { agentId, type: 'DM', name: 'compat slow', apiKey });
  const roomId = roomIdFor(channelId, agentId);
  const messageText = messageFor('slow');
  await postMessage(baseUrl, { channelId, channelType: 'DM', text: messageText, apiKey });
  const run = await waitForNewRun(baseUrl, { agentId, roomId, knownRunIds: new Set(), apiKey });
  if (run.status !== 'started') {
    throw new Error(`the slow run ${run.runId} was already ${run.status} when first seen`);
  }
  return { runId: run.runId, roomId, channelId, messageText };
}

/** Waits until a run has ended and its message embedding has landed; returns the run detail. */
export async function waitForRunEnd(
  baseUrl: string,
  manifest: Pick<Manifest, 'agentId'>,
  { runId, roomId }: Pick<SentMessage, 'runId' | 'roomId'>,
  { apiKey, timeoutMs }: { apiKey?: string; timeoutMs?: number } = {},
): Promise<RunDetail> {
  return waitForSettledRun(baseUrl, { agentId: manifest.agentId, roomId, runId, apiKey, timeoutMs });
}
