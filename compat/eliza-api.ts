// Talking to a running elizaOS server over its HTTP API: requests, the rooms of channels,
// channels and messages, and waiting for the runs those messages start.
import { createHash } from 'node:crypto';

export const MESSAGE_SERVER_ID = '00000000-0000-0000-0000-000000000000';
// The human side of every conversation; fixed so captured runs are easy to recognise.
export const USER_ID = '5e2b7a1c-0c4d-4f7e-9a3b-1d2c3e4f5a6b';

const RUN_TIMEOUT_MS = 30_000;
const POLL_MS = 200;

/** A run as GET /api/agents/:agentId/runs/:runId returns it (the fields the harness reads). */
export interface RunDetail {
  summary: Record<string, unknown> & { runId: string; status: string };
  events: Array<{ type: string; timestamp: number; data: Record<string, unknown> }>;
}

/** One entry of GET /api/agents/:agentId/runs (the fields the harness reads). */
interface ListedRun {
  runId: string;
  status: string;
}

// The server allows 1000 /api requests per 15 min per IP, loopback included, shared by this
// harness, the agent's calls to its own server and the tests. The last value it reported:
export const rateLimit: { remaining: number | undefined } = { remaining: undefined };

/**
 * Sends one request and returns its JSON body (undefined if the body is not JSON). Throws on a
 * status that is not ok and on a body that says `success: false`.
 */
export async function api(
  baseUrl: string,
  pathname: string,
  { method = 'GET', body, apiKey }: { method?: string; body?: unknown; apiKey?: string } = {},
): Promise<unknown> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (apiKey) headers['x-api-key'] = apiKey;
  const response = await fetch(new URL(pathname, baseUrl), {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const remaining = response.headers.get('ratelimit-remaining');
  if (remaining !== null) rateLimit.remaining = Number(remaining);
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (!response.ok || (json as { success?: unknown } | undefined)?.success === false) {
    throw new Error(`${method} ${pathname} -> ${response.status}: ${text.slice(0, 500)}`);
  }
  return json;
}

/** The `data` of an elizaOS API answer ({ success: true, data }). */
async function apiData<T>(baseUrl: string, pathname: string, options?: Parameters<typeof api>[2]): Promise<T> {
  return ((await api(baseUrl, pathname, options)) as { data: T }).data;
}

// Same as @elizaos/core's createUniqueUuid(runtime, channelId): the agent's room for a channel.
export function roomIdFor(channelId: string, agentId: string): string {
  const bytes = createHash('sha1')
    .update(encodeURIComponent(`${channelId}:${agentId}`))
    .digest()
    .subarray(0, 16);
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  bytes[6] = bytes[6] & 0x0f;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** One look at what is awaited: its value once done, else the state to report on a timeout. */
type Poll<T> = { done: true; value: T; state?: unknown } | { done: false; state: unknown };

async function waitFor<T>(description: string, check: () => Promise<Poll<T>>, timeoutMs = RUN_TIMEOUT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: Poll<T> | undefined;
  while (Date.now() < deadline) {
    last = await check();
    if (last.done) return last.value;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${description}; last state: ${JSON.stringify(last?.state)}`);
}

/** The agents of the server. */
export async function listAgents(baseUrl: string, apiKey?: string): Promise<{ id: string; name: string; status: string }[]> {
  const data = await apiData<{ agents: { id: string; name: string; status: string }[] }>(baseUrl, '/api/agents', { apiKey });
  return data.agents;
}

async function listRoomRuns(baseUrl: string, agentId: string, roomId: string, apiKey?: string): Promise<ListedRun[]> {
  // `from` makes the server skip its 15 s cache of the list.
  const data = await apiData<{ runs: ListedRun[] }>(baseUrl, `/api/agents/${agentId}/runs?roomId=${roomId}&from=1&limit=100`, { apiKey });
  return data.runs;
}

export async function getRunDetail(baseUrl: string, agentId: string, runId: string, roomId: string, apiKey?: string): Promise<RunDetail> {
  return apiData<RunDetail>(baseUrl, `/api/agents/${agentId}/runs/${runId}?roomId=${roomId}`, { apiKey });
}

export type ChannelType = 'DM' | 'GROUP';

/** Creates a channel between the user and the agent; returns its id. */
export async function createChannel(
  baseUrl: string,
  { agentId, type, name, apiKey }: { agentId: string; type: ChannelType; name: string; apiKey?: string },
): Promise<string> {
  const data = await apiData<{ id: string }>(baseUrl, '/api/messaging/channels', {
    method: 'POST',
    apiKey,
    body: {
      name,
      type,
      message_server_id: MESSAGE_SERVER_ID,
      participantCentralUserIds: [USER_ID, agentId],
    },
  });
  return data.id;
}

// Posts through the message bus (the path the web client uses) and returns at once; the run
// is found by polling its room.
export async function postMessage(
  baseUrl: string,
  { channelId, channelType, text, apiKey }: { channelId: string; channelType: ChannelType; text: string; apiKey?: string },
): Promise<void> {
  await api(baseUrl, `/api/messaging/channels/${channelId}/messages`, {
    method: 'POST',
    apiKey,
    body: {
      author_id: USER_ID,
      content: text,
      message_server_id: MESSAGE_SERVER_ID,
      source_type: 'eliza_gui',
      metadata: { channelType, user_display_name: 'Compat User' },
    },
  });
}

/** Waits until the room lists a run that is not in `knownRunIds`; returns it. */
export async function waitForNewRun(
  baseUrl: string,
  {
    agentId,
    roomId,
    knownRunIds,
    apiKey,
    timeoutMs = 10_000,
  }: { agentId: string; roomId: string; knownRunIds: ReadonlySet<string>; apiKey?: string; timeoutMs?: number },
): Promise<ListedRun> {
  return waitFor<ListedRun>(
    `a new run in room ${roomId}`,
    async () => {
      const runs = await listRoomRuns(baseUrl, agentId, roomId, apiKey);
      const fresh = runs.find((run) => !knownRunIds.has(run.runId));
      const state = runs.map((run) => run.runId);
      return fresh ? { done: true, value: fresh, state } : { done: false, state };
    },
    timeoutMs,
  );
}

// A run is settled when it has ended and the embedding of its message has landed: embeddings
// finish after RUN_ENDED, and a model call made after the next run starts is attributed to
// that next run (the runtime tracks one current run).
export async function waitForSettledRun(
  baseUrl: string,
  {
    agentId,
    roomId,
    runId,
    apiKey,
    timeoutMs = RUN_TIMEOUT_MS,
  }: { agentId: string; roomId: string; runId: string; apiKey?: string; timeoutMs?: number },
): Promise<RunDetail> {
  return waitFor<RunDetail>(
    `run ${runId} to end and its embedding to land`,
    async () => {
      const detail = await getRunDetail(baseUrl, agentId, runId, roomId, apiKey);
      const types = detail.events.map((event) => event.type);
      const ended = detail.summary.status !== 'started';
      const state = { status: detail.summary.status, types };
      return ended && types.includes('EMBEDDING_EVENT') ? { done: true, value: detail, state } : { done: false, state };
    },
    timeoutMs,
  );
}

/** A message the harness sent, and the run it started. */
export interface SentMessage {
  runId: string;
  roomId: string;
  channelId: string;
  messageText: string;
}

// knownRunIds: the runs this harness already made in the channel (none for a new channel);
// the new run is added to it.
export async function sendAndSettle(
  baseUrl: string,
  {
    agentId,
    channelId,
    channelType,
    text,
    apiKey,
    knownRunIds = new Set(),
  }: { agentId: string; channelId: string; channelType: ChannelType; text: string; apiKey?: string; knownRunIds?: Set<string> },
): Promise<SentMessage & { detail: RunDetail }> {
  const roomId = roomIdFor(channelId, agentId);
  await postMessage(baseUrl, { channelId, channelType, text, apiKey });
  const run = await waitForNewRun(baseUrl, { agentId, roomId, knownRunIds, apiKey });
  knownRunIds.add(run.runId);
  const detail = await waitForSettledRun(baseUrl, { agentId, roomId, runId: run.runId, apiKey });
  return { runId: run.runId, roomId, channelId, messageText: text, detail };
}
