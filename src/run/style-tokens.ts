import type { EventKind } from './model';
import type { StatusTone } from './status';

// How kinds and statuses look, wherever they are drawn: the app's components, and the first paint
// the server writes into a run page (server/first-paint.ts). Colours are CSS variables (index.css).

export const KIND_STYLE: Record<EventKind, { color: string; icon: string; label: string }> = {
  run: { color: 'var(--kind-run)', icon: '▶', label: 'run' },
  action: { color: 'var(--kind-action)', icon: '⚡', label: 'action' },
  model: { color: 'var(--kind-model)', icon: '◆', label: 'model' },
  evaluator: { color: 'var(--kind-evaluator)', icon: '✔', label: 'evaluator' },
  embedding: { color: 'var(--kind-embedding)', icon: '≋', label: 'embedding' },
  error: { color: 'var(--kind-error)', icon: '!', label: 'error' },
  unknown: { color: 'var(--kind-unknown)', icon: '?', label: 'unknown' },
};

export const TONE_COLOR: Record<StatusTone, string> = {
  running: 'var(--status-running)',
  completed: 'var(--status-completed)',
  failed: 'var(--status-failed)',
  timeout: 'var(--status-timeout)',
  cancelled: 'var(--status-other)',
  other: 'var(--status-other)',
};

export const TONE_ICON: Record<StatusTone, string> = {
  running: '◌',
  completed: '✓',
  failed: '✕',
  timeout: '◔',
  cancelled: '⊘',
  other: '•',
};
