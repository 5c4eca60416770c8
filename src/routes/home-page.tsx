import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { Agent } from '../api/schemas';
import { agentsQueryOptions, runsQueryOptions } from '../api/queries';
import { ErrorState } from '../components/error-state';
import { Card, CardTitle } from '../components/ui/card';
import { Skeleton } from '../components/ui/skeleton';
import { useNow } from '../components/use-now';
import { formatDuration, formatRelative } from '../lib/format';
import { agentRunsPath, runPath } from '../lib/links';

export function HomePage() {
  const query = useQuery(agentsQueryOptions());
  if (query.data) {
    if (query.data.length === 0) return <p>The server has no agents.</p>;
    return (
      <div className="space-y-4">
        {query.data.map((agent) => (
          <AgentRuns key={agent.id} agent={agent} />
        ))}
      </div>
    );
  }
  if (query.isError) return <ErrorState error={query.error} subject="the list of agents" onRetry={() => query.refetch()} />;
  return <Skeleton className="h-40 w-full" />;
}

function AgentRuns({ agent }: { agent: Agent }) {
  const name = agent.name ?? agent.characterName ?? agent.id;
  const titleId = `agent-${agent.id}`;
  return (
    <Card aria-labelledby={titleId}>
      <CardTitle id={titleId}>
        <Link to={agentRunsPath(agent.id)} className="hover:underline">{name}</Link>{' '}
        <span className="text-xs font-normal text-muted">{agent.status ?? ''}</span>
      </CardTitle>
      {agent.status && agent.status !== 'active' ? (
        <p className="text-sm text-muted">This agent is not running, so the server has no runs for it.</p>
      ) : (
        <>
          <RunList agentId={agent.id} />
          <Link to={agentRunsPath(agent.id)} className="mt-2 inline-block text-sm text-accent underline">All runs of {name}</Link>
        </>
      )}
    </Card>
  );
}

function RunList({ agentId }: { agentId: string }) {
  const query = useQuery(runsQueryOptions(agentId, { limit: 5 }));
  const now = useNow();
  if (query.data) {
    if (query.data.runs.length === 0) return <p className="text-sm text-muted">No runs yet.</p>;
    return (
      <ul className="divide-y divide-border text-sm">
        {query.data.runs.map((run) => {
          const duration = run.durationMs ?? (run.endedAt != null && run.startedAt != null ? run.endedAt - run.startedAt : null);
          return (
            <li key={run.runId} className="flex flex-wrap items-baseline gap-x-3 py-1.5">
              <Link to={runPath(agentId, run.runId, run.roomId)} className="font-mono text-xs text-accent underline">{run.runId}</Link>
              <span>{run.status}</span>
              {run.startedAt != null && <span className="text-muted">{formatRelative(run.startedAt, now)}</span>}
              <span className="text-muted">{formatDuration(duration)}</span>
            </li>
          );
        })}
      </ul>
    );
  }
  if (query.isError) return <ErrorState error={query.error} subject={`the runs of agent ${agentId}`} onRetry={() => query.refetch()} />;
  return <Skeleton className="h-20 w-full" />;
}
