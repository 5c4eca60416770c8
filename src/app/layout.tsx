import { useState } from 'react';
import { Link, Outlet, useLocation, useSearchParams } from 'react-router';
import { runCopyAt } from '../routes/run-copy';
import { normalizeServerUrl, useDirectServer } from '../api/api-target';
import { ServerLinkPrompt, ServerSettings } from './server-settings';
import { FileDropZone } from './file-drop';
import { OpenFileButton } from '../components/open-file-button';
import { OpenInNewTab } from './open-in-new-tab';
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
        {/* Wraps in a narrow frame (the Run Viewer tab of elizaOS's web client) rather than squeezing each button. */}
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
          {copy?.how === 'snapshot' ? (
            <span className="whitespace-nowrap font-semibold">elizaOS Run Viewer · snapshot</span>
          ) : (
            <Link to="/" className="whitespace-nowrap font-semibold">
              elizaOS Run Viewer
            </Link>
          )}
          <div className="ml-auto flex flex-wrap items-center gap-2 *:whitespace-nowrap">
            {!copy && <OpenInNewTab />}
            {!copy && <ServerSettings />}
            {!copy && <OpenFileButton />}
            <ThemeToggle />
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-6xl px-4 py-6">
        {asking ? <ServerLinkPrompt requested={requested} onDone={() => setAnswered(requested)} /> : <Outlet />}
      </main>
      {!copy && <FileDropZone />}
    </div>
  );
}
