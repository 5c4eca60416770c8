import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import { isApiError } from '../api/api-error';
import { runApiPath, runQueryOptions, type LoadedRun } from '../api/queries';
import { CompareSideCard } from '../components/compare-side-card';
import { ErrorState, Problem } from '../components/error-state';
import { useNow } from '../components/use-now';
import { Link } from 'react-router';
import { agentRunsPath, runPath } from '../lib/links';
import { runFacts } from '../run/compare-runs';
import type { Run } from '../run/model';
import { deriveStatus, isUnknownRunPlaceholder } from '../run/status';
import { ComparisonFrame, CompareView } from './compare-view';
import { NoEventsProblem, RefetchWarning, RunSkeleton } from './run-load-states';
import type { CompareSide } from '../lib/compare-params';
import { useCompareParams } from './use-compare-params';

/** `/agents/:agentId/compare?a=&b=`: two runs side by side, what differs first. */
export function ComparePage() {
  const [params, setStep] = useCompareParams();
  if (!params.valid) {
    return (
      <Problem title="This link is malformed">
        <p>
          A comparison link looks like <code>/agents/&lt;agentId&gt;/compare?a=&lt;runId&gt;&amp;b=&lt;runId&gt;</code>, optionally with{' '}
          <code>roomA</code> and <code>roomB</code>; a run of another agent is written <code>&lt;agentId&gt;:&lt;runId&gt;</code>. This one
          has {params.problem}. Check that the link was copied whole.
        </p>
      </Problem>
    );
  }
  return <ServerComparison a={params.a} b={params.b} step={params.step} onStep={setStep} />;
}

function ServerComparison({
  a,
  b,
  step,
  onStep,
}: {
  a: CompareSide;
  b: CompareSide;
  step: string | null;
  onStep: (id: string | null) => void;
}) {
  const queryA = useQuery(runQueryOptions(a.agentId, a.runId, a.roomId));
  const queryB = useQuery(runQueryOptions(b.agentId, b.runId, b.roomId));
  const runA = shownRun(queryA);
  const runB = shownRun(queryB);
  const sameRun = a.agentId === b.agentId && a.runId === b.runId && a.roomId === b.roomId;
  return (
    <ComparisonFrame>
      {sameRun && (
        <p role="note" className="text-sm text-muted">
          A and B are the same run, so nothing differs. To compare it with another, tick two runs in{' '}
          <Link to={agentRunsPath(a.agentId)} className="text-accent underline">
            the runs of {a.agentId}
          </Link>
          , or change <code>b=</code> in the link.
        </p>
      )}
      {queryA.isRefetchError && runA && <RefetchWarning error={queryA.error} />}
      {queryB.isRefetchError && runB && <RefetchWarning error={queryB.error} />}
      {runA && runB ? (
        <CompareView
          a={{
            source: { kind: 'server', agentId: a.agentId, response: queryA.data?.response },
            run: runA,
            href: runPath(a.agentId, a.runId, a.roomId),
          }}
          b={{
            source: { kind: 'server', agentId: b.agentId, response: queryB.data?.response },
            run: runB,
            href: runPath(b.agentId, b.runId, b.roomId),
          }}
          step={step}
          onStep={onStep}
        />
      ) : (
        <div className="grid gap-3 md:grid-cols-2">
          <SideState side="A" target={a} query={queryA} />
          <SideState side="B" target={b} query={queryB} />
        </div>
      )}
    </ComparisonFrame>
  );
}

function shownRun(query: UseQueryResult<LoadedRun, unknown>): Run | null {
  return query.data && !isUnknownRunPlaceholder(query.data.run) ? query.data.run : null;
}

/** One side while the other is not ready: loaded, loading or failed, each with the run page's words. */
function SideState({ side, target, query }: { side: 'A' | 'B'; target: CompareSide; query: UseQueryResult<LoadedRun, unknown> }) {
  const now = useNow();
  const { agentId, runId, roomId } = target;
  const run = shownRun(query);
  if (run)
    return (
      <CompareSideCard
        side={side}
        run={run}
        status={deriveStatus(run)}
        facts={runFacts(run)}
        href={runPath(agentId, runId, roomId)}
        now={now}
      />
    );
  const label = <h3 className="mb-2 text-sm font-semibold">Run {side}</h3>;
  if (query.data) {
    return (
      <div>
        {label}
        <NoEventsProblem agentId={agentId} runId={runId} roomId={roomId} onRetry={() => query.refetch()} />
      </div>
    );
  }
  if (query.isError) {
    const retry = isApiError(query.error) && query.error.kind === 'not-found' ? undefined : () => query.refetch();
    return (
      <div>
        {label}
        <ErrorState error={query.error} subject={`run ${runId} for agent ${agentId}`} onRetry={retry} />
      </div>
    );
  }
  return (
    <div>
      {label}
      <RunSkeleton path={runApiPath(agentId, runId, roomId)} />
    </div>
  );
}
