import { useParams } from 'react-router';
import { Problem } from '../components/error-state';
import { Card, CardTitle } from '../components/ui/card';
import { isValidId } from '../lib/links';
import { RunList } from './home-page';

export function AgentRunsPage() {
  const { agentId } = useParams();
  if (!isValidId(agentId)) {
    return (
      <Problem title="This link is malformed">
        <p>The agent id in this link is not valid. Check that the link was copied whole.</p>
      </Problem>
    );
  }
  return (
    <Card aria-labelledby="agent-runs-title">
      <CardTitle id="agent-runs-title">
        Runs of agent <code className="font-mono text-sm">{agentId}</code>
      </CardTitle>
      <RunList agentId={agentId} />
    </Card>
  );
}
