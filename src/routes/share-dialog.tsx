import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { fetchSnapshotTemplate } from '../api/snapshot-template';
import { MaskedList } from '../components/masked-list';
import { formatBytes } from '../lib/format';
import { saveFile } from '../lib/save-file';
import { isValidId } from '../lib/ids';
import { runPath } from '../lib/links';
import { maskRunBundle } from '../run/mask-bundle';
import type { Run, TokenCount } from '../run/model';
import { withTokenEstimates, type RunBundle } from '../run/run-bundle';
import { encodeShareFragment, MAX_LINK_CHARS } from '../run/share-codec';
import { snapshotFileName, snapshotHtml } from '../run/snapshot-html';
import type { RunSource } from '../run/run-source';
import { useRunBundle } from './use-run-bundle';
import { sectionTokensQueryOptions } from './use-prompt-breakdowns';
import { savedTokenCounts, tokenEstimatesQueryOptions } from './use-token-estimates';

/**
 * "Share this run": says what will be shared and what will be masked, then gives a link that
 * carries the masked run in its fragment, or a self-contained snapshot file.
 */
export function ShareDialog({ source, run, onClose }: { source: RunSource; run: Run; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  const gathered = useRunBundle(source, run);
  const [wordsText, setWordsText] = useState('');
  const words = useMemo(() => wordsText.split(/[,\n]/), [wordsText]);
  const masked = useMemo(() => (gathered.bundle ? maskRunBundle(gathered.bundle, { words }) : null), [gathered.bundle, words]);
  const size = useMemo(() => (masked ? new TextEncoder().encode(JSON.stringify(masked.bundle)).length : 0), [masked]);
  // The masked bundle is derived from the run, its save time and the words: those name it, without
  // hashing megabytes of run into the key on every render.
  // eslint-disable-next-line @tanstack/query/exhaustive-deps
  const link = useQuery({
    queryKey: ['share-link', run.runId, gathered.bundle?.savedAt, wordsText],
    queryFn: async () => shareUrl(masked!.bundle, run, await encodeShareFragment(masked!.bundle)),
    enabled: masked !== null,
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
  });
  const [status, setStatus] = useState('');
  const [building, setBuilding] = useState(false);
  const queryClient = useQueryClient();

  const tooLong = link.data !== undefined && link.data.length > MAX_LINK_CHARS;
  async function copyLink() {
    if (!link.data) return;
    try {
      await navigator.clipboard.writeText(link.data);
      setStatus(
        `Link copied (${formatBytes(link.data.length)}). Whoever opens it sees this run with the secrets masked; it works on any copy of this viewer.`,
      );
    } catch {
      setStatus('The link could not be copied: the browser refused access to the clipboard.');
    }
  }
  /** The viewer and the masked run in one .html file that opens from disk with no network at all. */
  async function downloadSnapshot() {
    if (!masked) return;
    setBuilding(true);
    setStatus('Making the snapshot…');
    try {
      // A snapshot has no tokenizer: the counts this page shows (calls, prompt sections) go in with the run.
      const noCounts = () => new Map<string, TokenCount>();
      const [template, calls, sections] = await Promise.all([
        fetchSnapshotTemplate(),
        queryClient.fetchQuery(tokenEstimatesQueryOptions(run, source)).catch(noCounts),
        queryClient
          .fetchQuery(sectionTokensQueryOptions(run, source))
          .then((counts) => counts ?? noCounts())
          .catch(noCounts),
      ]);
      const counts = new Map([...(savedTokenCounts(source).saved ?? []), ...calls, ...sections]);
      const html = snapshotHtml(template, withTokenEstimates(masked.bundle, counts), run.runId);
      const name = snapshotFileName(masked.bundle.agent.name, masked.bundle.agent.id, run.runId);
      saveFile(new Blob([html], { type: 'text/html' }), name);
      setStatus(
        `Saved as ${name} (${formatBytes(new Blob([html]).size)}), with the secrets masked. It opens in any browser, from the disk, and makes no request.`,
      );
    } catch (error) {
      setStatus(`The snapshot could not be made: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setBuilding(false);
    }
  }
  /** The masked run as a run bundle, which any copy of the viewer opens with "Open file". */
  function downloadMaskedFile() {
    if (!masked) return;
    const name = snapshotFileName(masked.bundle.agent.name, masked.bundle.agent.id, run.runId, 'json');
    const text = JSON.stringify(masked.bundle, null, 2);
    saveFile(new Blob([text], { type: 'application/json' }), name);
    setStatus(
      `Saved as ${name} (${formatBytes(text.length)}), with the secrets masked. Anyone opens it with "Open file" on any copy of this viewer.`,
    );
  }

  return (
    <dialog
      ref={ref}
      onClose={onClose}
      aria-labelledby="share-title"
      className="m-auto max-h-[90vh] w-[min(44rem,calc(100vw-2rem))] overflow-y-auto rounded-lg border border-border bg-card p-5 text-fg backdrop:bg-black/40"
    >
      <h2 id="share-title" className="mb-3 text-lg font-semibold">
        Share this run
      </h2>
      <section aria-labelledby="share-what" className="space-y-1 text-sm">
        <h3 id="share-what" className="font-semibold">
          What will be shared
        </h3>
        <ul className="list-disc space-y-1 pl-5">
          <li>
            The run <code>{run.runId}</code>: {run.events.length} events with their payloads, its summary and tokens.
          </li>
          <li>{gathered.outcomes}</li>
          <li>{gathered.conversation}</li>
          <li>
            Size: {masked ? formatBytes(size) : '…'}
            {link.data ? `; as a link, ${formatBytes(link.data.length)}` : ''}.
          </li>
        </ul>
      </section>
      <section aria-labelledby="share-masked" className="mt-4 space-y-2 text-sm">
        <h3 id="share-masked" className="font-semibold">
          What will be masked{masked ? ` (${masked.findings.length})` : ''}
        </h3>
        {masked ? <MaskedList findings={masked.findings} bundle={gathered.bundle!} /> : <p className="text-muted">Gathering the run…</p>}
        <label className="block">
          <span className="block text-muted">Also mask these words (an email, a name), separated by commas:</span>
          <input
            type="text"
            value={wordsText}
            onChange={(event) => setWordsText(event.target.value)}
            className="mt-1 w-full rounded border border-border bg-card px-2 py-1"
            placeholder="jane@example.com, Jane"
          />
        </label>
      </section>
      {tooLong && (
        <p className="mt-4 rounded border border-[var(--status-timeout)] p-2 text-sm">
          This link would be {formatBytes(link.data!.length)}: too long to paste in a chat (more than {formatBytes(MAX_LINK_CHARS)}).
          Download the snapshot instead and send the file.
        </p>
      )}
      <div className="mt-4 flex flex-wrap gap-2">
        <button type="button" onClick={copyLink} disabled={!link.data || tooLong} className={PRIMARY}>
          Copy share link
        </button>
        <button type="button" onClick={downloadSnapshot} disabled={!masked || building} className={tooLong ? PRIMARY : SECONDARY}>
          Download snapshot
        </button>
        <button type="button" onClick={downloadMaskedFile} disabled={!masked} className={SECONDARY}>
          Download masked JSON
        </button>
        <form method="dialog" className="ml-auto">
          <button className={SECONDARY}>Close</button>
        </form>
      </div>
      <p role="status" className="mt-3 text-sm">
        {link.isError ? `The link could not be made: ${link.error.message}` : status}
      </p>
    </dialog>
  );
}

const PRIMARY =
  'rounded bg-accent px-3 py-1 text-sm font-medium text-white hover:opacity-90 disabled:opacity-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent dark:text-black';
const SECONDARY =
  'rounded border border-border px-3 py-1 text-sm hover:bg-subtle disabled:opacity-50 focus-visible:outline-2 focus-visible:outline-accent';

function shareUrl(bundle: RunBundle, run: Run, fragment: string): string {
  const agentId = isValidId(bundle.agent.id) ? bundle.agent.id : 'unknown-agent';
  return `${location.origin}${runPath(agentId, run.runId, run.roomId)}#${fragment}`;
}
