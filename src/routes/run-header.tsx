import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { fetchBlob } from '../api/client';
import { adjacentRunsQueryOptions, runApiPath } from '../api/queries';
import { CopyButton } from '../components/ui/copy-button';
import { shareableUrl } from '../api/share-link';
import { agentRunsPath, comparePath, runPath } from '../lib/links';
import type { Run } from '../run/model';
import type { RunCopy, RunSource } from '../run/run-source';
import { Button } from '../components/ui/button';
import { onDemand } from '../components/on-demand';
import { saveFile } from '../lib/save-file';
import { useRunBundle } from './use-run-bundle';

// Sharing is rare: the dialog (masking rules, compression) loads on demand.
const ShareDialog = onDemand(
  async () => (await import('./share-dialog')).ShareDialog,
  <p role="status" className="text-sm text-muted">
    Opening the share dialog…
  </p>,
);

interface RunHeaderProps {
  source: RunSource;
  /** The run as checked (outcomes applied). */
  run: Run;
  /** The run as loaded, before its logs were applied: what sharing saves. */
  loaded: Run;
  markdown: () => Promise<string>;
}

/** Where the run sits (back to the list, previous / next run) and what can be taken away from it. */
export function RunHeader({ source, run, loaded, markdown }: RunHeaderProps) {
  const agentId = source.kind === 'server' ? source.agentId : '';
  const [sharing, setSharing] = useState(false);
  const canShare = source.kind !== 'copy' || source.copy.how === 'link';
  const adjacent = useQuery({
    ...adjacentRunsQueryOptions(agentId, run.startedAt ?? 0),
    enabled: source.kind === 'server' && run.startedAt !== null,
  });
  const { previous, next } = adjacent.data ?? { previous: null, next: null };
  return (
    <>
      <nav aria-label="Run" className="flex flex-wrap items-center gap-x-4 gap-y-2 text-sm">
        {source.kind === 'file' ? (
          <span className="text-muted">
            Opened from the file <code>{source.name}</code>
            {source.context.agentName ? ` (a run of ${source.context.agentName})` : ''}; it stays in this browser, so it has no link: Share
            makes one that carries the run.
          </span>
        ) : source.kind === 'copy' ? (
          <span className="text-muted">
            A copy of a run{source.context.agentName ? ` of ${source.context.agentName}` : ''}: nothing here is fetched from a server.
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
          <Link
            className="text-accent underline"
            to={comparePath({ agentId, ...previous }, { agentId, runId: run.runId, roomId: run.roomId })}
          >
            Compare with previous run
          </Link>
        )}
        {next && (
          <Link className="text-accent underline" to={runPath(agentId, next.runId, next.roomId)} rel="next">
            Next run
          </Link>
        )}
        <span className="ml-auto flex flex-wrap gap-2">
          {source.kind === 'server' && (
            <CopyButton text={() => shareableUrl(location.href)} label="Copy link to this view" idleText="Copy link" />
          )}
          {source.kind === 'copy' && (
            <CopyButton text={() => copyViewUrl(source.copy)} label="Copy link to this view" idleText="Copy link" />
          )}
          <CopyButton text={markdown} label="Copy as Markdown" idleText="Copy as Markdown" />
          <DownloadButton source={source} run={run} />
          {source.kind === 'server' && <DownloadBundleButton source={source} loaded={loaded} />}
          {canShare && (
            <Button size="compact" className="text-muted" onClick={() => setSharing(true)} aria-haspopup="dialog">
              Share
            </Button>
          )}
        </span>
      </nav>
      {sharing && <ShareDialog source={source} run={loaded} onClose={() => setSharing(false)} />}
    </>
  );
}

/**
 * This view (filters, selected event) of a shared copy: a link keeps the run in its fragment; a
 * snapshot's is its file:// address with the query, which opens this view from the same file.
 */
function copyViewUrl(copy: RunCopy): string {
  return `${location.href.replace(/#.*$/, '')}${copy.how === 'link' ? `#${copy.fragment}` : ''}`;
}

/** Downloads the run exactly as the server sent it (or as the file was). */
function DownloadButton({ source, run }: { source: RunSource; run: Run }) {
  const [state, setState] = useState<'idle' | 'busy' | 'failed'>('idle');
  const fileName = source.kind === 'file' ? source.name : `run-${run.runId}.json`;
  // A copy gives the masked bundle it holds, never anything more.
  async function download() {
    setState('busy');
    try {
      let blob: Blob;
      if (source.kind === 'file') blob = new Blob([source.text], { type: 'application/json' });
      else if (source.kind === 'copy') blob = new Blob([JSON.stringify(source.bundle, null, 2)], { type: 'application/json' });
      else {
        blob = await fetchBlob(runApiPath(source.agentId, run.runId, run.roomId));
      }
      saveFile(blob, fileName);
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

/**
 * Downloads the run with its context, as a run bundle (README "Run bundles"): the response as sent,
 * plus the action and embedding logs, the agent's id and name and the conversation the page read,
 * so "Open file" shows the same truth. Not masked: it stays with whoever downloads it.
 */
function DownloadBundleButton({ source, loaded }: { source: RunSource; loaded: Run }) {
  const { bundle } = useRunBundle(source, loaded);
  function download() {
    if (!bundle) return;
    const text = JSON.stringify({ ...bundle, savedAt: new Date().toISOString() }, null, 2);
    saveFile(new Blob([text], { type: 'application/json' }), `run-${loaded.runId}.bundle.json`);
  }
  return (
    <Button
      size="compact"
      className="text-muted"
      onClick={download}
      disabled={!bundle}
      title="The run as the server sent it, with the action log, agent and conversation that tell its truth"
    >
      {bundle ? 'Download with context' : 'Reading the logs…'}
    </Button>
  );
}
