import type { DerivedStatus } from '../run/status';
import { TONE_COLOR, TONE_ICON } from '../run/style-tokens';
import { Badge } from './ui/badge';

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
