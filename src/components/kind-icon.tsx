import type { EventKind } from '../run/model';

export const KIND_STYLE: Record<EventKind, { color: string; icon: string; label: string }> = {
  run: { color: 'var(--kind-run)', icon: '▶', label: 'run' },
  action: { color: 'var(--kind-action)', icon: '⚡', label: 'action' },
  model: { color: 'var(--kind-model)', icon: '◆', label: 'model' },
  evaluator: { color: 'var(--kind-evaluator)', icon: '✔', label: 'evaluator' },
  embedding: { color: 'var(--kind-embedding)', icon: '≋', label: 'embedding' },
  error: { color: 'var(--kind-error)', icon: '!', label: 'error' },
  unknown: { color: 'var(--kind-unknown)', icon: '?', label: 'unknown' },
};

/** The event kind as a coloured icon with its name as text (colour is never the only signal). */
export function KindIcon({ kind, failed }: { kind: EventKind; failed: boolean }) {
  const style = KIND_STYLE[failed ? 'error' : kind];
  return (
    <span
      className="inline-flex h-6 w-6 shrink-0 items-center justify-center rounded-full border-2 bg-card text-xs font-bold"
      style={{ color: style.color, borderColor: style.color }}
      aria-hidden="true"
    >
      {style.icon}
    </span>
  );
}
