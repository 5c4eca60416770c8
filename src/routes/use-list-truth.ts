import { useQuery } from '@tanstack/react-query';
import { listLogsQueryOptions } from '../api/queries';
import { listedTruth, type ListedRun } from '../api/schemas';
import { truthFromLogs, type RunTruth } from '../run/run-truth';

/** A list row's truth, or why there is none yet. */
export type RowTruth = { state: 'known'; truth: RunTruth } | { state: 'checking' } | { state: 'unknown'; reason: string };

/**
 * The truthful status and counts of each listed run, with no request per row: the embedded server
 * sends them with the list; for a real server, three log requests cover the whole page.
 */
export function useListTruth(agentId: string, runs: ListedRun[]): Map<string, RowTruth> {
  const given = new Map(runs.map((run) => [run.runId, listedTruth(run)]));
  const unchecked = runs.filter((run) => !given.get(run.runId));
  const oldest = unchecked.reduce<number | null>(
    (min, run) => (run.startedAt == null ? min : Math.min(min ?? Infinity, run.startedAt)),
    null,
  );
  const logs = useQuery({
    ...listLogsQueryOptions(
      agentId,
      oldest,
      unchecked.map((run) => run.runId),
    ),
    enabled: unchecked.length > 0,
  });

  const truths = new Map<string, RowTruth>();
  for (const run of runs) {
    const truth = given.get(run.runId) ?? (logs.data ? truthFromLogs(run, logs.data) : null);
    if (truth) truths.set(run.runId, { state: 'known', truth });
    else if (logs.isError) truths.set(run.runId, { state: 'unknown', reason: "the agent's logs could not be read" });
    else if (logs.data) truths.set(run.runId, { state: 'unknown', reason: "not in the agent's newest log rows" });
    else truths.set(run.runId, { state: 'checking' });
  }
  return truths;
}
