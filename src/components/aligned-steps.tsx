import type { AlignedItem } from '../run/compare-runs';
import type { TokenCount } from '../run/model';
import { AlignedStepItem } from './aligned-step-item';
import { useWindowList, type RevealRequest } from './use-window-list';

export interface AlignedStepsProps {
  items: AlignedItem[];
  selectedId: string | null;
  /** A step to bring into view. */
  reveal: RevealRequest | null;
  estimates: [ReadonlyMap<string, TokenCount>, ReadonlyMap<string, TokenCount>];
  onSelect: (id: string) => void;
}

/** The two timelines aligned step by step, virtualised like the run timeline. */
export function AlignedSteps({ items, selectedId, reveal, estimates, onSelect }: AlignedStepsProps) {
  const { listRef, virtualizer, scrollMargin } = useWindowList({
    items,
    keyOf: stepKey,
    estimateSize: 58,
    overscan: 10,
    reveal,
    align: 'center',
  });

  if (items.length === 0) return <p className="text-sm text-muted">Neither run has any step.</p>;
  return (
    <>
      <div
        aria-hidden="true"
        className="grid grid-cols-2 gap-2 px-2 pb-1 text-xs font-semibold uppercase text-muted sm:grid-cols-[9rem_1fr_1fr]"
      >
        <span className="hidden sm:block">Difference</span>
        <span>Run A</span>
        <span>Run B</span>
      </div>
      <ol aria-label="Aligned steps" ref={listRef} className="relative" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((virtual) => {
          const item = items[virtual.index];
          return (
            <AlignedStepItem
              key={virtual.key}
              ref={virtualizer.measureElement}
              index={virtual.index}
              setSize={items.length}
              top={virtual.start - scrollMargin}
              item={item}
              selected={item.id === selectedId}
              estimates={estimates}
              onSelect={onSelect}
            />
          );
        })}
      </ol>
    </>
  );
}

function stepKey(item: AlignedItem): string {
  return item.id;
}
