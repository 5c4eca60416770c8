import { useQuery } from '@tanstack/react-query';
import { Link, Navigate, useSearchParams } from 'react-router';
import type { Agent, ListedRun } from '../api/schemas';
import { agentsQueryOptions, runsQueryOptions } from '../api/queries';
import { ErrorState } from '../components/error-state';
import { Card, CardTitle } from '../components/ui/card';
import { Skeleton } from '../components/ui/skeleton';
import { isValidId } from '../lib/ids';
import { agentRunsPath } from '../lib/links';
import { RunsTable } from './runs-table';
import { useListTruth } from './use-list-truth';

/** `/?agentId=<id>` (how elizaOS opens the viewer's panel) goes straight to that agent's runs. */
export function HomePage() {
  const [params] = useSearchParams();
  const agentId = params.get('agentId');
  if (isValidId(agentId)) return <Navigate replace to={agentRunsPath(agentId)} />;
  return <AgentsOverview />;
}

function AgentsOverview() {
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
        <Link to={agentRunsPath(agent.id)} className="hover:underline">
          {name}
        </Link>{' '}
        <span className="text-xs font-normal text-muted">{agent.status ?? ''}</span>
      </CardTitle>
      {agent.status && agent.status !== 'active' ? (
        <p className="text-sm text-muted">This agent is not running, so the server has no runs for it.</p>
      ) : (
        <>
          <RunList agentId={agent.id} />
          <Link to={agentRunsPath(agent.id)} className="mt-2 inline-block text-sm text-accent underline">
            All runs of {name}
          </Link>
        </>
      )}
    </Card>
  );
}

/** The newest runs, with the same truthful status and counts as the agent's runs page. */
function RunList({ agentId }: { agentId: string }) {
  const query = useQuery(runsQueryOptions(agentId, { limit: 5 }));
  const truths = useListTruth(agentId, query.data?.runs ?? NO_RUNS);
  if (query.data) {
    if (query.data.runs.length === 0) return <p className="text-sm text-muted">No runs yet.</p>;
    return <RunsTable agentId={agentId} runs={query.data.runs} truths={truths} />;
  }
  if (query.isError) return <ErrorState error={query.error} subject={`the runs of agent ${agentId}`} onRetry={() => query.refetch()} />;
  return <Skeleton className="h-20 w-full" />;
}

const NO_RUNS: ListedRun[] = [];
