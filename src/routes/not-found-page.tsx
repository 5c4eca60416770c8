import { useLocation } from 'react-router';
import { Problem } from '../components/error-state';

export function NotFoundPage() {
  const location = useLocation();
  return (
    <Problem title="Page not found">
      <p>
        There is no page at <code>{location.pathname}</code>. Run pages live at <code>/agents/&lt;agentId&gt;/runs/&lt;runId&gt;</code>.
      </p>
    </Problem>
  );
}
