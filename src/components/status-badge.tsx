import type { DerivedStatus, StatusTone } from '../run/status';
import { Badge } from './ui/badge';

const TONE_COLOR: Record<StatusTone, string> = {
  running: 'var(--status-running)',
  completed: 'var(--status-completed)',
  failed: 'var(--status-failed)',
  timeout: 'var(--status-timeout)',
  cancelled: 'var(--status-other)',
  other: 'var(--status-other)',
};

const TONE_ICON: Record<StatusTone, string> = {
  running: '◌',
  completed: '✓',
  failed: '✕',
  timeout: '◔',
  cancelled: '⊘',
  other: '•',
};

export function StatusBadge({ status }: { status: DerivedStatus }) {
  return (
    <Badge color={TONE_COLOR[status.tone]} aria-label={`Status: ${status.label}`} title={status.reason ?? undefined}>
      <span aria-hidden="true" className={status.tone === 'running' ? 'animate-spin' : undefined}>
        {TONE_ICON[status.tone]}
      </span>
      {status.label}
    </Badge>
  );
}
