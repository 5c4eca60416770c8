import { useId, type ReactNode } from 'react';
import { Link } from 'react-router';
import { isApiError } from '../api/api-error';
import { Card } from './ui/card';
import { Button } from './ui/button';

interface ErrorStateProps {
  error: unknown;
  /** What was being loaded, e.g. "run 1234". */
  subject: string;
  onRetry?: () => void;
}

/** What happened, in words, and what to do next. Every kind of ApiError gets its own message. */
export function ErrorState({ error, subject, onRetry }: ErrorStateProps) {
  if (!isApiError(error)) {
    return (
      <Problem title="Something went wrong" onRetry={onRetry}>
        <p>
          The viewer failed while loading {subject}: {error instanceof Error ? error.message : String(error)}
        </p>
      </Problem>
    );
  }
  switch (error.kind) {
    case 'unauthorized':
      return (
        <Problem title="An API key is needed" onRetry={onRetry}>
          <p>{error.message}</p>
          <p>
            The elizaOS server requires an API key (the <code>X-API-KEY</code> header). With the viewer&apos;s own server in front, start it
            with <code>ELIZA_SERVER_AUTH_TOKEN=&lt;your key&gt;</code> next to <code>ELIZA_SERVER_URL</code>: the key stays on that server.
            When the viewer calls the elizaOS server directly, enter the key in the <strong>Server</strong> settings at the top of the page.
            Inside elizaOS&apos;s web client, the Run Viewer tab uses the key that client saved for this server: enter it there (or in the{' '}
            <strong>Server</strong> settings here, with this page&apos;s address).
          </p>
        </Problem>
      );
    case 'not-found':
      return (
        <Problem title="Not found">
          <p>
            The server has no {subject}. {error.message !== 'Not found.' && `(${error.message})`}
          </p>
          <p>Check the link, or pick a run from the list.</p>
        </Problem>
      );
    case 'unreachable':
      return (
        <Problem title="Server unreachable" onRetry={onRetry}>
          <p>{error.message}</p>
          <p>Check that the server is running and reachable, then retry.</p>
        </Problem>
      );
    case 'rate-limited':
      return (
        <Problem title="Too many requests" onRetry={onRetry}>
          <p>{error.message}</p>
          <p>
            {error.retryAfterMs !== null
              ? `The server asks to wait ${Math.ceil(error.retryAfterMs / 1000)} s before retrying.`
              : 'Wait a moment, then retry.'}
          </p>
        </Problem>
      );
    case 'invalid-response':
      return (
        <Problem title="The server sent something the viewer cannot read" onRetry={onRetry}>
          <p>{error.message}</p>
          <RawBody body={error.rawBody} />
        </Problem>
      );
    default:
      return (
        <Problem title={error.kind === 'server' ? 'The server failed' : 'The request was refused'} onRetry={onRetry}>
          <p>{error.message}</p>
          {error.code && <p className="text-xs text-muted">Error code: {error.code}</p>}
        </Problem>
      );
  }
}

const RAW_LIMIT = 20_000;

function RawBody({ body }: { body: string | null }) {
  if (body === null) return null;
  return (
    <details open className="mt-2">
      <summary className="cursor-pointer text-sm">Raw response ({body.length.toLocaleString('en')} characters)</summary>
      <pre className="mt-2 max-h-80 overflow-auto whitespace-pre-wrap break-all rounded bg-subtle p-2 font-mono text-xs">
        {body === ''
          ? '(empty body)'
          : body.length > RAW_LIMIT
            ? `${body.slice(0, RAW_LIMIT)}\n… (${(body.length - RAW_LIMIT).toLocaleString('en')} more characters)`
            : body}
      </pre>
    </details>
  );
}

export function Problem({ title, children, onRetry }: { title: string; children: ReactNode; onRetry?: () => void }) {
  // A comparison can show two problems at once: each needs its own id.
  const titleId = useId();
  return (
    <Card role="alert" aria-labelledby={titleId} className="space-y-2 border-[var(--status-failed)]">
      <h2 id={titleId} className="text-lg font-semibold">
        {title}
      </h2>
      <div className="space-y-2 text-sm">{children}</div>
      <div className="flex gap-3 pt-2 text-sm">
        {onRetry && (
          <Button variant="primary" size="normal" onClick={onRetry}>
            Retry
          </Button>
        )}
        <Link to="/" className="px-1 py-1 text-accent underline">
          All agents and runs
        </Link>
      </div>
    </Card>
  );
}
