import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { adjacentRunsQueryOptions, runApiPath } from '../api/queries';
import { CopyButton } from '../components/ui/copy-button';
import { agentRunsPath, runPath } from '../lib/links';
import type { Run } from '../run/model';

interface RunHeaderProps {
  agentId: string;
  run: Run;
  markdown: () => string;
}

/** Where the run sits (back to the list, previous / next run) and what can be taken away from it. */
export function RunHeader({ agentId, run, markdown }: RunHeaderProps) {
  const adjacent = useQuery({ ...adjacentRunsQueryOptions(agentId, run.startedAt ?? 0), enabled: run.startedAt !== null });
  const { previous, next } = adjacent.data ?? { previous: null, next: null };
  return (
    <nav aria-label="Run" className="flex flex-wrap items-center gap-x-4 gap-y-2 text-sm">
      <Link className="text-accent underline" to={agentRunsPath(agentId)}>
        ← Runs of this agent
      </Link>
      {previous && (
        <Link className="text-accent underline" to={runPath(agentId, previous.runId, previous.roomId)} rel="prev">
          Previous run
        </Link>
      )}
      {next && (
        <Link className="text-accent underline" to={runPath(agentId, next.runId, next.roomId)} rel="next">
          Next run
        </Link>
      )}
      <span className="ml-auto flex flex-wrap gap-2">
        <CopyButton text={() => location.href} label="Copy link to this view" idleText="Copy link" />
        <CopyButton text={markdown} label="Copy as Markdown" idleText="Copy as Markdown" />
        <DownloadButton path={runApiPath(agentId, run.runId, run.roomId)} fileName={`run-${run.runId}.json`} />
      </span>
    </nav>
  );
}

/** Downloads the run exactly as the server sends it. */
function DownloadButton({ path, fileName }: { path: string; fileName: string }) {
  const [state, setState] = useState<'idle' | 'busy' | 'failed'>('idle');
  async function download() {
    setState('busy');
    try {
      const response = await fetch(path, { headers: { Accept: 'application/json' } });
      if (!response.ok) throw new Error(String(response.status));
      const url = URL.createObjectURL(await response.blob());
      const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setState('idle');
    } catch {
      setState('failed');
    }
  }
  return (
    <button type="button" onClick={download} disabled={state === 'busy'} className="rounded border border-border px-1.5 py-0.5 text-xs text-muted hover:bg-subtle focus-visible:outline-2 focus-visible:outline-accent">
      {state === 'busy' ? 'Downloading…' : state === 'failed' ? 'Download failed, retry' : 'Download JSON'}
    </button>
  );
}
