// Types for eliza-server.mjs, so TypeScript tests (Playwright globalSetup, specs) can import it.

export type Scenario = 'simple' | 'reply-action' | 'model-error' | 'action-error' | 'embedding-error' | 'group-evaluator';

export interface ScenarioRun {
  runId: string;
  roomId: string;
  channelId: string;
  messageText: string;
}

export interface Manifest {
  baseUrl: string;
  agentId: string;
  agentName: string;
  userId: string;
  messageServerId: string;
  runs: Record<Scenario, ScenarioRun>;
  /** The 4 ordinary group messages sent before the group-evaluator one, oldest first. */
  groupWarmupRuns: ScenarioRun[];
  /** RateLimit-Remaining after setup: the server allows 1000 /api requests per 15 min per IP. */
  rateLimitRemaining: number | undefined;
}

export interface ElizaServer {
  baseUrl: string;
  port: number;
  agentId: string;
  agentName: string;
  pid: number;
  tempDir: string;
  logFile: string;
  sentry: { port: number; dsn: string; readonly posts: number };
  readonly blockedConnections: number;
  /** Settles when the server process exits, for whatever reason. */
  exited: Promise<{ code: number | null; signal: string | null }>;
  stop(): Promise<void>;
}

export interface RunDetail {
  summary: Record<string, unknown> & { runId: string; status: string };
  events: Array<{ type: string; timestamp: number; data: Record<string, unknown> }>;
}

export const DEFAULT_MANIFEST_PATH: string;
export const MESSAGE_SERVER_ID: string;
export const USER_ID: string;
export const rateLimit: { remaining: number | undefined };

export function startElizaServer(options?: {
  authToken?: string;
  /** Also serve elizaOS's official web client (ELIZA_UI_ENABLE=true). Default false. */
  webClient?: boolean;
  /** Paths of more plugin modules (their default export) to add to the agent. */
  plugins?: string[];
  /** Fail (instead of silently moving) if this port is taken. Default: a free port. */
  port?: number;
  logFile?: string;
  startTimeoutMs?: number;
}): Promise<ElizaServer>;

export function createScenarioRuns(baseUrl: string, options?: { apiKey?: string }): Promise<Manifest>;

/** Sends the slow message; resolves once its run is listed as `started` (the run takes ~4 s). */
export function startSlowRun(baseUrl: string, manifest: Pick<Manifest, 'agentId'>, options?: { apiKey?: string }): Promise<ScenarioRun>;

/** Resolves with the run detail once the run has ended and its message embedding has landed. */
export function waitForRunEnd(
  baseUrl: string,
  manifest: Pick<Manifest, 'agentId'>,
  run: Pick<ScenarioRun, 'runId' | 'roomId'>,
  options?: { apiKey?: string; timeoutMs?: number },
): Promise<RunDetail>;

export function getRunDetail(baseUrl: string, agentId: string, runId: string, roomId: string, apiKey?: string): Promise<RunDetail>;

export function roomIdFor(channelId: string, agentId: string): string;

export function startSentrySink(): Promise<{ port: number; dsn: string; readonly posts: number; close(): Promise<void> }>;

export function api(baseUrl: string, pathname: string, options?: { method?: string; body?: unknown; apiKey?: string }): Promise<unknown>;
