import { queryOptions } from '@tanstack/react-query';
import { normalizeRun, InvalidRunError } from '../run/normalize';
import type { Run } from '../run/model';
import { quietFor } from '../run/staleness';
import { deriveStatus, isUnknownRunPlaceholder } from '../run/status';
import { ApiError, isApiError } from './api-error';
import { fetchJson, parseBody } from './client';
import { reportProgress } from './download-progress';
import { readLogPages, type LogType } from '../run/log-pages';
import { textsHash } from '../run/event-ids';
import { pollDelay } from './poll-policy';
import { agentsResponseSchema, runsListResponseSchema } from './schemas';
import { logsResponseSchema, type LogRow } from '../run/run-schemas';
import type { AgentLogs } from '../run/run-truth';

// Query option factories: the one place that knows query keys and cache policy.

function segment(id: string): string {
  return encodeURIComponent(id);
}

/**
 * Retry what may pass (a broken connection, a 5xx), never what will not (404, 401, bad data),
 * nor a server that already kept the user waiting for the whole idle timeout.
 */
function retryTransient(failureCount: number, error: unknown): boolean {
  return (
    isApiError(error) && (error.kind === 'unreachable' || error.kind === 'server') && error.code !== 'CLIENT_TIMEOUT' && failureCount < 2
  );
}

export function agentsQueryOptions() {
  return queryOptions({
    queryKey: ['agents'],
    queryFn: async ({ signal }) => parseBody(agentsResponseSchema, await fetchJson('/api/agents', { signal })).data.agents,
    retry: retryTransient,
  });
}

export interface RunsFilter {
  limit?: number;
  status?: string;
  /** Epoch ms bounds on startedAt. Any `from` also skips the real server's 15 s list cache. */
  from?: number;
  to?: number;
}

export function runsPath(agentId: string, filter: RunsFilter = {}): string {
  const params = new URLSearchParams({ limit: String(filter.limit ?? 20) });
  if (filter.status && filter.status !== 'all') params.set('status', filter.status);
  if (filter.from !== undefined) params.set('from', String(filter.from));
  if (filter.to !== undefined) params.set('to', String(filter.to));
  return `/api/agents/${segment(agentId)}/runs?${params}`;
}

export function runsQueryOptions(agentId: string, filter: RunsFilter = {}) {
  return queryOptions({
    queryKey: ['runs', agentId, filter],
    queryFn: async ({ signal }) => parseBody(runsListResponseSchema, await fetchJson(runsPath(agentId, filter), { signal })).data,
    retry: retryTransient,
  });
}

/** The runs of the same agent just before and after a run, for previous / next links. */
export function adjacentRunsQueryOptions(agentId: string, startedAt: number) {
  return queryOptions({
    queryKey: ['adjacent-runs', agentId, startedAt],
    queryFn: async ({ signal }) => {
      const [older, newer] = await Promise.all([
        fetchJson(runsPath(agentId, { limit: 1, to: startedAt - 1 }), { signal }),
        fetchJson(runsPath(agentId, { limit: 100, from: startedAt + 1 }), { signal }),
      ]);
      return {
        previous: parseBody(runsListResponseSchema, older).data.runs[0] ?? null,
        next: parseBody(runsListResponseSchema, newer).data.runs.at(-1) ?? null,
      };
    },
    retry: false,
    staleTime: 15_000,
  });
}

export function runApiPath(agentId: string, runId: string, roomId: string | null): string {
  const query = roomId ? `?roomId=${encodeURIComponent(roomId)}` : '';
  return `/api/agents/${segment(agentId)}/runs/${segment(runId)}${query}`;
}

export interface LoadedRun {
  run: Run;
  /** The response as sent (parsed), for sharing; the run's event data are the same objects, so it costs little. */
  response: unknown;
}

export async function fetchRun(agentId: string, runId: string, roomId: string | null, signal?: AbortSignal): Promise<LoadedRun> {
  const path = runApiPath(agentId, runId, roomId);
  try {
    const response = await fetchJson(path, { signal, onProgress: (value) => reportProgress(path, { phase: 'downloading', ...value }) });
    reportProgress(path, { phase: 'preparing', received: response.text.length });
    // Let the page say "preparing" before the one synchronous pass over the events.
    await new Promise((resolve) => setTimeout(resolve, 0));
    try {
      return { run: normalizeRun(response.json, agentId), response: response.json };
    } catch (error) {
      if (!(error instanceof InvalidRunError)) throw error;
      throw new ApiError('invalid-response', `The response is not a run: ${error.message}`, { url: response.url, rawBody: response.text });
    }
  } finally {
    reportProgress(path, null);
  }
}

function isFinished(data: LoadedRun | undefined): boolean {
  if (!data) return false;
  return isUnknownRunPlaceholder(data.run) || deriveStatus(data.run).tone !== 'running';
}

/** `resumed`: the user asked to keep polling a run that went stale. It does not change the cached data, so it is not in the key. */
export function runQueryOptions(agentId: string, runId: string, roomId: string | null, { resumed = false } = {}) {
  return queryOptions({
    queryKey: ['run', agentId, runId, { roomId }],
    queryFn: ({ signal }) => fetchRun(agentId, runId, roomId, signal),
    retry: retryTransient,
    // A finished run never changes; a running one is polled until it ends, more slowly as it stays quiet.
    staleTime: (query) => (isFinished(query.state.data) ? Infinity : 0),
    refetchInterval: ({ state }) =>
      pollDelay({
        running: state.data !== undefined && !isFinished(state.data),
        lastError: state.errorUpdatedAt > state.dataUpdatedAt ? state.error : null,
        failures: state.fetchFailureCount,
        quietMs: state.data ? (quietFor(state.data.run, Date.now()) ?? 0) : 0,
        resumed,
      }),
  });
}

/**
 * Log rows of one type for a room, newest first, paged until every wanted id (actionId or
 * memoryId) has been seen or the log ends. The key holds a digest of the ids, so new ones fetch
 * again: react-query hashes a key on every render, and a big run's 25,000 ids in it cost tens of
 * milliseconds a keystroke while searching.
 */
export function logsQueryOptions(agentId: string, roomId: string | null, type: LogType, wantedIds: readonly string[]) {
  return queryOptions({
    queryKey: ['logs', agentId, { roomId, type, wanted: idsDigest(wantedIds) }],
    queryFn: ({ signal }) =>
      readLogPages(
        type,
        roomId,
        wantedIds,
        async (query) => parseBody(logsResponseSchema, await fetchJson(`/api/agents/${segment(agentId)}/logs?${query}`, { signal })).data,
      ),
    retry: retryTransient,
    staleTime: Infinity,
  });
}

const digests = new WeakMap<readonly string[], string>();

/** How many ids, and a hash of them in order (event-ids.ts's hasher): computed once per list. */
export function idsDigest(ids: readonly string[]): string {
  let digest = digests.get(ids);
  if (digest === undefined) {
    digest = `${ids.length}:${textsHash(ids)}`;
    digests.set(ids, digest);
  }
  return digest;
}

export function memoriesPath(agentId: string, roomId: string): string {
  return `/api/agents/${segment(agentId)}/memories?${new URLSearchParams({ roomId })}`;
}

/** The memories response exactly as the server sent it: its text (for exports) and its JSON. */
export interface MemoriesResponse {
  text: string;
  json: unknown;
}

/**
 * The agent's memories of one room: the conversation around a run. Only `roomId` is sent (the
 * real server answers every room's memories without it). A running run's room is re-read while
 * it runs, for the replies still to come.
 */
export function memoriesQueryOptions(agentId: string, roomId: string, running = false) {
  return queryOptions({
    queryKey: ['memories', agentId, { roomId }],
    queryFn: async ({ signal }): Promise<MemoriesResponse> => {
      const { text, json } = await fetchJson(memoriesPath(agentId, roomId), { signal });
      return { text, json };
    },
    retry: retryTransient,
    staleTime: running ? 0 : Infinity,
    refetchInterval: running ? 2_000 : false,
  });
}

const LIST_LOG_PAGE = 250;
const LIST_LOG_PAGES = 4;

/**
 * The agent's `run_event`, `action` and `embedding_event` log rows back to the oldest listed run:
 * three requests for a page of runs instead of one run detail per row. Capped at 1,000 rows of each
 * type; a run whose rows lie beyond it is shown as the server lists it, and says so.
 */
export function listLogsQueryOptions(agentId: string, oldestStartedAt: number | null, runIds: string[]) {
  return queryOptions({
    queryKey: ['list-logs', agentId, { oldestStartedAt, runIds }],
    queryFn: async ({ signal }): Promise<AgentLogs> => {
      const read = async (type: string) => {
        const rows: LogRow[] = [];
        for (let page = 0; page < LIST_LOG_PAGES; page++) {
          const params = new URLSearchParams({ type, count: String(LIST_LOG_PAGE), offset: String(page * LIST_LOG_PAGE) });
          const batch = parseBody(logsResponseSchema, await fetchJson(`/api/agents/${segment(agentId)}/logs?${params}`, { signal })).data;
          rows.push(...batch);
          const oldest = Date.parse(String(batch.at(-1)?.createdAt ?? ''));
          if (batch.length < LIST_LOG_PAGE || oldestStartedAt === null || oldest < oldestStartedAt) break;
        }
        return rows;
      };
      const [runEvents, actions, embeddings] = await Promise.all([read('run_event'), read('action'), read('embedding_event')]);
      return { runEvents, actions, embeddings };
    },
    retry: retryTransient,
    staleTime: 5_000,
  });
}
