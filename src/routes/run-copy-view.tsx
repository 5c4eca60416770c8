import { useQuery } from '@tanstack/react-query';
import { CopyBanner } from '../components/copy-banner';
import { Problem } from '../components/error-state';
import { buildRunBundle } from '../run/run-bundle';
import { runCopyQueryOptions, type RunCopy } from './run-copy';
import { RunReport } from './run-report';

/** A run from a share link or a snapshot: decoded with the same reader and normaliser as a server response. */
export function RunCopyView({ copy }: { copy: RunCopy }) {
  const query = useQuery(runCopyQueryOptions(copy));
  if (query.data) {
    const { run, response, context } = query.data;
    // A hand-made link may carry a bare run response: it is shown the same way.
    const bundle = query.data.bundle ?? buildRunBundle({ response, agent: { id: run.agentId }, source: { kind: 'share' } });
    return (
      <div className="space-y-4">
        <CopyBanner how={copy.how} context={context} />
        <RunReport source={{ kind: 'copy', copy, bundle, context }} run={run} />
      </div>
    );
  }
  if (query.isError) {
    return (
      <Problem title={copy.how === 'link' ? 'This share link cannot be opened' : 'This snapshot cannot be opened'}>
        <p>{query.error.message}</p>
        <p>Nothing from it was run or shown. Ask whoever shared it for a new link, or for a snapshot file.</p>
      </Problem>
    );
  }
  return (
    <p role="status" className="text-sm text-muted">
      Unpacking the shared run…
    </p>
  );
}
