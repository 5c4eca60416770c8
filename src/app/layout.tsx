import { useState } from 'react';
import { Link, Outlet, useLocation, useSearchParams } from 'react-router';
import { runCopyAt } from '../routes/run-copy';
import { normalizeServerUrl, useDirectServer } from '../api/api-target';
import { ServerLinkPrompt, ServerSettings } from './server-settings';
import { FileDropZone } from './file-drop';
import { OpenFileButton } from '../components/open-file-button';
import { ThemeToggle } from './theme-toggle';

export function Layout() {
  const [params] = useSearchParams();
  const server = useDirectServer();
  const [answered, setAnswered] = useState<string | null>(null);
  const here = useLocation();
  // A shared copy or a snapshot asks no server: no server settings, no file to open over it.
  const copy = runCopyAt(here.pathname, here.hash);
  const requested = copy ? null : params.get('server');
  // A link naming another server waits for the user's answer before anything is fetched. The same
  // server written another way (a trailing slash, capitals) is not another server.
  const current = server?.url ?? location.origin;
  const asking = requested !== null && normalizeServerUrl(requested) !== current && requested !== answered;
  return (
    <div className="min-h-screen">
      <header className="border-b border-border bg-card">
        <div className="mx-auto flex max-w-6xl items-center gap-4 px-4 py-3">
          {copy?.how === 'snapshot' ? (
            <span className="font-semibold">elizaOS Run Viewer · snapshot</span>
          ) : (
            <Link to="/" className="font-semibold">
              elizaOS Run Viewer
            </Link>
          )}
          <span className="ml-auto" />
          {!copy && <ServerSettings />}
          {!copy && <OpenFileButton />}
          <ThemeToggle />
        </div>
      </header>
      <main className="mx-auto max-w-6xl px-4 py-6">
        {asking ? <ServerLinkPrompt requested={requested} onDone={() => setAnswered(requested)} /> : <Outlet />}
      </main>
      {!copy && <FileDropZone />}
    </div>
  );
}
