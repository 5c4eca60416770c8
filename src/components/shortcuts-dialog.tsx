import { useEffect, useRef } from 'react';
import { Button } from './ui/button';

const SHORTCUTS: [string, string][] = [
  ['↓ or j', 'next event'],
  ['↑ or k', 'previous event'],
  ['Enter', 'show or hide the selected event’s data'],
  ['/', 'search'],
  ['e', 'next error'],
  ['?', 'this help'],
];

export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      onClose={onClose}
      aria-labelledby="shortcuts-title"
      className="m-auto rounded-lg border border-border bg-card p-4 text-fg backdrop:bg-black/40"
    >
      <h2 id="shortcuts-title" className="mb-3 font-semibold">
        Keyboard shortcuts
      </h2>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        {SHORTCUTS.map(([keys, what]) => (
          <div key={keys} className="contents">
            <dt>
              <kbd className="rounded border border-border px-1 font-mono text-xs">{keys}</kbd>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
      <form method="dialog" className="mt-4 text-right">
        <Button type="submit" size="normal">
          Close
        </Button>
      </form>
    </dialog>
  );
}
