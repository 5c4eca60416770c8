import type { EventKind } from '../run/model';
import { KIND_STYLE } from '../run/style-tokens';

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
