import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { fetchBlob } from '../api/client';
import { adjacentRunsQueryOptions, runApiPath } from '../api/queries';
import { CopyButton } from '../components/ui/copy-button';
import { shareableUrl } from '../api/share-link';
import { agentRunsPath, comparePath, runPath } from '../lib/links';
import type { Run } from '../run/model';
import type { RunSource } from '../run/run-source';
import { Button } from '../components/ui/button';

interface RunHeaderProps {
  source: RunSource;
  run: Run;
  markdown: () => string;
}

/** Where the run sits (back to the list, previous / next run) and what can be taken away from it. */
export function RunHeader({ source, run, markdown }: RunHeaderProps) {
  const agentId = source.kind === 'server' ? source.agentId : '';
  const adjacent = useQuery({ ...adjacentRunsQueryOptions(agentId, run.startedAt ?? 0), enabled: source.kind === 'server' && run.startedAt !== null });
  const { previous, next } = adjacent.data ?? { previous: null, next: null };
  return (
    <nav aria-label="Run" className="flex flex-wrap items-center gap-x-4 gap-y-2 text-sm">
      {source.kind === 'file' ? (
        <span className="text-muted">
          Opened from the file <code>{source.name}</code>; it stays in this browser.
        </span>
      ) : (
        <Link className="text-accent underline" to={agentRunsPath(agentId)}>
          ← Runs of this agent
        </Link>
      )}
      {previous && (
        <Link className="text-accent underline" to={runPath(agentId, previous.runId, previous.roomId)} rel="prev">
          Previous run
        </Link>
      )}
      {previous && (
        <Link className="text-accent underline" to={comparePath({ agentId, ...previous }, { agentId, runId: run.runId, roomId: run.roomId })}>
          Compare with previous run
        </Link>
      )}
      {next && (
        <Link className="text-accent underline" to={runPath(agentId, next.runId, next.roomId)} rel="next">
          Next run
        </Link>
      )}
      <span className="ml-auto flex flex-wrap gap-2">
        <CopyButton text={() => shareableUrl(location.href)} label="Copy link to this view" idleText="Copy link" />
        <CopyButton text={markdown} label="Copy as Markdown" idleText="Copy as Markdown" />
        <DownloadButton source={source} run={run} />
      </span>
    </nav>
  );
}

/** Downloads the run exactly as the server sent it (or as the file was). */
function DownloadButton({ source, run }: { source: RunSource; run: Run }) {
  const [state, setState] = useState<'idle' | 'busy' | 'failed'>('idle');
  const fileName = source.kind === 'file' ? source.name : `run-${run.runId}.json`;
  async function download() {
    setState('busy');
    try {
      let blob: Blob;
      if (source.kind === 'file') blob = new Blob([source.text], { type: 'application/json' });
      else {
        blob = await fetchBlob(runApiPath(source.agentId, run.runId, run.roomId));
      }
      const url = URL.createObjectURL(blob);
      const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setState('idle');
    } catch {
      setState('failed');
    }
  }
  return (
    <Button size="compact" className="text-muted" onClick={download} disabled={state === 'busy'}>
      {state === 'busy' ? 'Downloading…' : state === 'failed' ? 'Download failed, retry' : 'Download JSON'}
    </Button>
  );
}
