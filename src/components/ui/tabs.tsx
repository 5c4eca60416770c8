import { useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { cn } from '../../lib/cn';

export interface Tab {
  label: string;
  /** Rendered only while its tab is selected. */
  panel: () => ReactNode;
}

/**
 * The ARIA tabs pattern: one tab stop, arrow keys move between tabs (wrapping), Home and End go
 * to the first and last, and a tab is selected as it receives focus.
 */
export function Tabs({ label, tabs, className }: { label: string; tabs: Tab[]; className?: string }) {
  const [selected, setSelected] = useState(0);
  const base = useId();
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const current = Math.min(selected, tabs.length - 1);

  const select = (index: number) => {
    setSelected(index);
    refs.current[index]?.focus();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const last = tabs.length - 1;
    const next = { ArrowRight: current === last ? 0 : current + 1, ArrowLeft: current === 0 ? last : current - 1, Home: 0, End: last }[
      event.key
    ];
    if (next === undefined) return;
    event.preventDefault();
    event.stopPropagation();
    select(next);
  };

  return (
    <div className={className}>
      <div role="tablist" aria-label={label} className="flex gap-1 border-b border-border" onKeyDown={onKeyDown}>
        {tabs.map((tab, index) => (
          <button
            key={tab.label}
            ref={(element) => {
              refs.current[index] = element;
            }}
            type="button"
            role="tab"
            id={`${base}-tab-${index}`}
            aria-selected={index === current}
            aria-controls={`${base}-panel-${index}`}
            tabIndex={index === current ? 0 : -1}
            onClick={() => select(index)}
            className={cn(
              '-mb-px rounded-t border-b-2 px-3 py-1 text-sm focus-visible:outline-2 focus-visible:outline-accent',
              index === current ? 'border-accent font-semibold text-fg' : 'border-transparent text-muted hover:text-fg',
            )}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id={`${base}-panel-${current}`}
        aria-labelledby={`${base}-tab-${current}`}
        tabIndex={0}
        className="pt-2 focus-visible:outline-2 focus-visible:outline-accent"
      >
        {tabs[current]?.panel()}
      </div>
    </div>
  );
}
