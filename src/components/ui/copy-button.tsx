import { useState } from 'react';
import { cn } from '../../lib/cn';

/**
 * Copies `text` (or what `text()` returns, computed only on click) to the clipboard and says so;
 * `label` names what is copied.
 */
export function CopyButton({ text, label, idleText = 'Copy', className }: { text: string | (() => string); label: string; idleText?: string; className?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');

  async function copy() {
    try {
      await navigator.clipboard.writeText(typeof text === 'function' ? text() : text);
      setState('copied');
    } catch {
      setState('failed');
    }
    setTimeout(() => setState('idle'), 1500);
  }

  return (
    <button
      type="button"
      onClick={copy}
      aria-label={label}
      title={label}
      className={cn(
        'rounded border border-border px-1.5 py-0.5 text-xs text-muted hover:bg-subtle focus-visible:outline-2 focus-visible:outline-accent',
        className,
      )}
    >
      <span aria-live="polite">{state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : idleText}</span>
    </button>
  );
}
