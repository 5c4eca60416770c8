import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { normalizeServerUrl, setDirectServer, useDirectServer } from '../api/api-target';
import { Button } from '../components/ui/button';

// The two server dialogs, loaded when one is first opened (see server-settings.tsx).

/** The settings dialog, open from when it mounts: which elizaOS server to talk to directly, and its API key. */
export function ServerSettingsDialog({ onClosed }: { onClosed: () => void }) {
  const server = useDirectServer();
  const queryClient = useQueryClient();
  const dialog = useRef<HTMLDialogElement>(null);
  const [url, setUrl] = useState(server?.url ?? '');
  const [key, setKey] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    if (!dialog.current?.open) dialog.current?.showModal();
  }, []);

  function save(event: FormEvent) {
    event.preventDefault();
    if (url.trim() === '') {
      setDirectServer(null);
    } else {
      const origin = normalizeServerUrl(url);
      if (!origin) return setProblem('Enter the server’s address only, like http://127.0.0.1:3000 (no path, no user name or password).');
      // A stored key stays with the server it was given for; a new server gets only a key typed for it.
      const apiKey = key || (origin === server?.url ? server.apiKey : null);
      setDirectServer({ url: origin, apiKey });
    }
    dialog.current?.close();
    void queryClient.resetQueries();
  }

  return (
    <>
      <dialog
        ref={dialog}
        onClose={onClosed}
        aria-labelledby="settings-title"
        className="m-auto w-full max-w-lg rounded-lg border border-border bg-card p-4 text-fg backdrop:bg-black/40"
      >
        <form onSubmit={save} className="space-y-3 text-sm">
          <h2 id="settings-title" className="text-base font-semibold">
            elizaOS server
          </h2>
          <p className="text-muted">
            Leave the address empty to use this viewer’s own server (sample runs, or the server it proxies to). Set it when the viewer is
            hosted as static files and should call an elizaOS server directly.
          </p>
          <label className="block">
            Server address
            <input
              value={url}
              onChange={(event) => setUrl(event.target.value)}
              placeholder="http://127.0.0.1:3000"
              className="mt-1 block w-full rounded border border-border bg-card px-2 py-1"
            />
          </label>
          <label className="block">
            API key {server?.apiKey && <span className="text-muted">(one is saved; leave empty to keep it)</span>}
            <input
              type="password"
              autoComplete="off"
              value={key}
              onChange={(event) => setKey(event.target.value)}
              className="mt-1 block w-full rounded border border-border bg-card px-2 py-1"
            />
          </label>
          <p className="text-xs text-muted">
            The key is kept in this browser’s storage and sent only to that server, in the X-API-KEY header; never in a link.
          </p>
          {problem && (
            <p role="alert" className="text-[var(--status-failed)]">
              {problem}
            </p>
          )}
          <div className="flex justify-end gap-2">
            {server?.apiKey && (
              <Button size="normal" className="mr-auto" onClick={() => setDirectServer({ url: server.url, apiKey: null })}>
                Forget the key
              </Button>
            )}
            <Button size="normal" onClick={() => dialog.current?.close()}>
              Cancel
            </Button>
            <Button type="submit" variant="primary" size="normal">
              Save
            </Button>
          </div>
        </form>
      </dialog>
    </>
  );
}

/**
 * A link may name a server (`?server=`). The viewer asks before switching to it, and switching
 * never sends the key saved for another server.
 */
export function ServerLinkPromptDialog({ requested, onDone }: { requested: string; onDone: () => void }) {
  const server = useDirectServer();
  const queryClient = useQueryClient();
  const dialog = useRef<HTMLDialogElement>(null);
  const origin = normalizeServerUrl(requested);
  useEffect(() => {
    if (!dialog.current?.open) dialog.current?.showModal();
  }, []);
  const answer = (switchServer: boolean) => {
    if (switchServer && origin) {
      setDirectServer({ url: origin, apiKey: null });
      void queryClient.resetQueries();
    }
    dialog.current?.close();
    onDone();
  };
  return (
    <dialog
      ref={dialog}
      onCancel={() => answer(false)}
      aria-labelledby="switch-title"
      className="m-auto max-w-lg rounded-lg border border-border bg-card p-4 text-fg backdrop:bg-black/40"
    >
      <h2 id="switch-title" className="mb-2 text-base font-semibold">
        Switch to another elizaOS server?
      </h2>
      {origin ? (
        <p className="text-sm">
          This link shows a run on <code>{origin}</code>. The viewer now talks to {server ? <code>{server.url}</code> : 'its own server'}.
          Switch to <code>{origin}</code>? No saved API key is sent to it; add one in the server settings if it needs one.
        </p>
      ) : (
        <p className="text-sm">
          This link names a server address the viewer cannot use: <code>{requested}</code>.
        </p>
      )}
      <div className="mt-4 flex justify-end gap-2 text-sm">
        <Button size="normal" onClick={() => answer(false)}>
          Stay on {server ? server.url : 'this viewer’s server'}
        </Button>
        {origin && (
          <Button variant="primary" size="normal" onClick={() => answer(true)}>
            Switch to {origin}
          </Button>
        )}
      </div>
    </dialog>
  );
}
