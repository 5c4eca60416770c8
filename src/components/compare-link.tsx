import { Link } from 'react-router';
import { comparePath } from '../lib/links';

export interface SelectedRun {
  runId: string;
  roomId?: string | null;
  startedAt?: number | null;
}

/** "Compare": enabled once exactly two runs are picked; the older one is A. */
export function CompareLink({ agentId, selected }: { agentId: string; selected: SelectedRun[] }) {
  const className = 'rounded border border-border px-2 py-1 text-xs';
  if (selected.length !== 2) {
    return (
      <span className="flex items-center gap-2 text-xs text-muted">
        <a role="link" aria-disabled="true" className={`${className} cursor-not-allowed opacity-60`}>
          Compare
        </a>
        {selected.length < 2
          ? `Select two runs to compare (${selected.length} selected).`
          : `Select only two runs (${selected.length} selected).`}
      </span>
    );
  }
  const [a, b] = [...selected].sort((x, y) => (x.startedAt ?? 0) - (y.startedAt ?? 0));
  return (
    <Link to={comparePath({ agentId, ...a }, { agentId, ...b })} className={`${className} font-semibold text-accent hover:bg-subtle`}>
      Compare
    </Link>
  );
}
