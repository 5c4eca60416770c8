import { useState } from 'react';
import { useDirectServer } from '../api/api-target';
import { Button } from '../components/ui/button';
import { onDemand } from '../components/on-demand';

const ServerSettingsDialog = onDemand(async () => (await import('./server-settings-dialogs')).ServerSettingsDialog);
const ServerLinkPromptDialog = onDemand(async () => (await import('./server-settings-dialogs')).ServerLinkPromptDialog);

/** The server button; its dialog (which elizaOS server to talk to directly, and its API key) loads when first opened. */
export function ServerSettings() {
  const server = useDirectServer();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)}>Server: {server ? server.url : 'this viewer'}</Button>
      {open && <ServerSettingsDialog onClosed={() => setOpen(false)} />}
    </>
  );
}

/**
 * A link may name a server (`?server=`). The viewer asks before switching to it, and switching
 * never sends the key saved for another server. Nothing is fetched until it is answered.
 */
export function ServerLinkPrompt({ requested, onDone }: { requested: string; onDone: () => void }) {
  return <ServerLinkPromptDialog requested={requested} onDone={onDone} />;
}
