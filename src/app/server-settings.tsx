import { lazy, Suspense, useState } from 'react';
import { useDirectServer } from '../api/api-target';
import { Button } from '../components/ui/button';

const ServerSettingsDialog = lazy(() => import('./server-settings-dialogs').then((module) => ({ default: module.ServerSettingsDialog })));
const ServerLinkPromptDialog = lazy(() =>
  import('./server-settings-dialogs').then((module) => ({ default: module.ServerLinkPromptDialog })),
);

/** The server button; its dialog (which elizaOS server to talk to directly, and its API key) loads when first opened. */
export function ServerSettings() {
  const server = useDirectServer();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)}>Server: {server ? server.url : 'this viewer'}</Button>
      {open && (
        <Suspense fallback={null}>
          <ServerSettingsDialog onClosed={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}

/**
 * A link may name a server (`?server=`). The viewer asks before switching to it, and switching
 * never sends the key saved for another server. Nothing is fetched until it is answered.
 */
export function ServerLinkPrompt({ requested, onDone }: { requested: string; onDone: () => void }) {
  return (
    <Suspense fallback={null}>
      <ServerLinkPromptDialog requested={requested} onDone={onDone} />
    </Suspense>
  );
}
