import { formatNumber } from '../lib/format';
interface DifferenceNavProps {
  /** 1-based position of the selected difference, or null when the selection is not a difference. */
  position: number | null;
  total: number;
  selectedLabel: string | null;
  onMove: (delta: 1 | -1) => void;
}

/** "Next difference" and "Previous difference", with where the selection is, read out as it moves. */
export function DifferenceNav({ position, total, selectedLabel, onMove }: DifferenceNavProps) {
  const button =
    'rounded border border-border px-2 py-1 text-xs hover:bg-subtle disabled:opacity-50 focus-visible:outline-2 focus-visible:outline-accent';
  return (
    <div className="mb-2 flex flex-wrap items-center gap-2 text-sm">
      <button type="button" className={button} disabled={total === 0} onClick={() => onMove(-1)} aria-keyshortcuts="p">
        Previous difference
      </button>
      <button type="button" className={button} disabled={total === 0} onClick={() => onMove(1)} aria-keyshortcuts="n">
        Next difference
      </button>
      <p role="status" className="text-xs text-muted">
        {total === 0
          ? 'No step differs.'
          : position !== null
            ? `Difference ${formatNumber(position)} of ${formatNumber(total)}${selectedLabel ? `: ${selectedLabel}` : ''}`
            : `${formatNumber(total)} ${total === 1 ? 'difference' : 'differences'}; press n for the next one, p for the previous one`}
      </p>
    </div>
  );
}
