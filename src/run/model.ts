// The one Run model the whole app works with, whichever API shape it came from.

export type EventKind = 'run' | 'action' | 'model' | 'evaluator' | 'embedding' | 'error' | 'unknown';

export interface TokenCount {
  prompt: number;
  completion: number;
  total: number;
}

export interface ModelCall {
  modelType: string;
  provider: string | null;
  /** Milliseconds the call took; the call spans [timestamp - executionTimeMs, timestamp]. */
  executionTimeMs: number | null;
  /** Usage as the server reported it, in any of the accepted forms; null when not reported. */
  usage: TokenCount | null;
  cost: number | null;
  isEmbedding: boolean;
}

export interface RunEvent {
  /**
   * Names this event, not its place: the server's own id for it, else a hash of its type, time and
   * data (see event-ids.ts). Permalinks, expansion and saved token counts are keyed by it.
   */
  id: string;
  /** Index in the server's `events` array; old links named an event `e<position>`. */
  position: number;
  type: string;
  kind: EventKind;
  /** 'started' / 'ended' for the run and actions, else null. */
  phase: 'started' | 'ended' | null;
  timestamp: number | null;
  data: Record<string, unknown>;
  /** ACTION_* events: the action's own id. */
  actionId: string | null;
  /** Model calls made inside an action: that action's id (`actionContext.actionId`). */
  parentActionId: string | null;
  /** Action, evaluator or model type name, when the event has one. */
  name: string | null;
  failed: boolean;
  error: string | null;
  model: ModelCall | null;
  /**
   * elizaOS 1.7 reports every ACTION_COMPLETED as `success: true, result: null`, whatever
   * happened; such an outcome is only known once the agent's action log confirms it.
   */
  needsOutcomeCheck: boolean;
  /** Where the outcome shown came from, when that is not simply the event itself. */
  outcomeNote: string | null;
  /** An action that started and never ended before the run did (then also `failed`). */
  didNotFinish?: boolean;
}

export type RunShape = 'elizaos' | 'documented';

export interface Run {
  shape: RunShape;
  runId: string;
  agentId: string | null;
  roomId: string | null;
  messageId: string | null;
  entityId: string | null;
  /** The status exactly as the server sent it. The truthful one comes from deriveStatus(). */
  serverStatus: string;
  startedAt: number | null;
  endedAt: number | null;
  serverDurationMs: number | null;
  /** In time order (stable for equal timestamps). */
  events: RunEvent[];
  /** Run-level totals the documented shape reports (`tokensUsed`). */
  reportedTokens: TokenCount | null;
  /** The documented shape's `errors` array, as text. */
  reportedErrors: string[];
}
