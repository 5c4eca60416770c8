import { formatAbsolute, isoTime } from '../lib/format';
import type { RunContext } from '../run/run-bundle';

/** Says that the page is a read-only copy of a run: a share link or a snapshot file, when and where from. */
export function CopyBanner({ how, context }: { how: 'link' | 'snapshot'; context: RunContext }) {
  const savedAt = context.savedAt ? Date.parse(context.savedAt) : NaN;
  const iso = Number.isFinite(savedAt) ? isoTime(savedAt) : null;
  const masked = context.masked;
  return (
    <section aria-label="Read-only copy" className="rounded-lg border border-accent bg-subtle px-4 py-3 text-sm">
      <p>
        <strong>{how === 'snapshot' ? 'Snapshot' : 'Shared link'}: a read-only copy of this run</strong>
        {iso ? (
          <>
            , made <time dateTime={iso}>{formatAbsolute(savedAt)}</time>
          </>
        ) : null}
        {context.source ? ` from ${describeSource(context.source)}` : null}.
      </p>
      <p className="text-muted">
        {masked ? `Secrets masked before sharing: ${masked.count} found.` : 'This copy does not say that its secrets were masked.'} It shows
        the run as it was when shared: it does not reload, and it asks no server for anything.
      </p>
    </section>
  );
}

function describeSource(source: NonNullable<RunContext['source']>): string {
  if (source.kind === 'direct') return `the elizaOS server ${source.server ?? ''}`.trim();
  if (source.kind === 'file') return `the file ${source.name ?? ''}`.trim();
  if (source.kind === 'viewer') return `the viewer at ${source.server ?? 'an unknown address'}`;
  return source.server ?? source.kind;
}
