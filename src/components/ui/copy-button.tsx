import { useState } from 'react';
import { cn } from '../../lib/cn';
import { Button } from './button';

/**
 * Copies `text` (or what `text()` returns or resolves to, computed only on click) to the clipboard
 * and says so; `label` names what is copied.
 */
export function CopyButton({
  text,
  label,
  idleText = 'Copy',
  className,
}: {
  text: string | (() => string | Promise<string>);
  label: string;
  idleText?: string;
  className?: string;
}) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');

  async function copy() {
    try {
      await navigator.clipboard.writeText(typeof text === 'function' ? await text() : text);
      setState('copied');
    } catch {
      setState('failed');
    }
    setTimeout(() => setState('idle'), 1500);
  }

  return (
    <Button size="compact" onClick={copy} aria-label={label} title={label} className={cn('text-muted', className)}>
      <span aria-live="polite">{state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : idleText}</span>
    </Button>
  );
}
