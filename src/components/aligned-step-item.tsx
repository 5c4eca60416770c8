import { memo } from 'react';
import { cn } from '../lib/cn';
import { formatDuration, formatNumber } from '../lib/format';
import type { RunStep, StepOutcome } from '../run/align-runs';
import { stepError, stepName, stepTokens, type AlignedItem, type AlignedMark } from '../run/compare-runs';
import type { TokenCount } from '../run/model';
import { KIND_STYLE } from '../run/style-tokens';
import { KindIcon } from './kind-icon';
import { VirtualRow, type VirtualRowPlace } from './virtual-row';
import { StepTextDiff } from './step-text-diff';

export const MARK_TEXT: Record<AlignedMark, string> = {
  same: 'same',
  added: 'added in B',
  removed: 'removed in B',
  outcome: 'outcome differs',
  text: 'prompt or response changed',
};

const MARK_COLOR: Record<AlignedMark, string> = {
  same: 'var(--border)',
  added: 'var(--status-completed)',
  removed: 'var(--status-timeout)',
  outcome: 'var(--status-failed)',
  text: 'var(--accent)',
};

interface AlignedStepItemProps extends VirtualRowPlace {
  item: AlignedItem;
  selected: boolean;
  estimates: [ReadonlyMap<string, TokenCount>, ReadonlyMap<string, TokenCount>];
  onSelect: (id: string) => void;
}

/** One aligned step: run A's side and run B's side, with what differs marked in words and colour. */
export const AlignedStepItem = memo(function AlignedStepItem({
  ref,
  index,
  setSize,
  top,
  item,
  selected,
  estimates,
  onSelect,
}: AlignedStepItemProps) {
  const hasDiff = selected && item.a?.event.model && item.b?.event.model;
  return (
    <VirtualRow ref={ref} index={index} setSize={setSize} top={top} selected={selected} data-mark={item.mark} data-depth={item.depth}>
      <div
        className={cn(
          'rounded-md border bg-card',
          selected && 'ring-2 ring-accent',
          item.depth === 1 && 'ml-4 sm:ml-8',
          item.mark === 'outcome' && 'border-2',
        )}
        style={{ borderColor: MARK_COLOR[item.mark] }}
      >
        <button
          type="button"
          onClick={() => onSelect(item.id)}
          className="grid w-full grid-cols-2 items-start gap-2 rounded-md p-2 text-left sm:grid-cols-[9rem_1fr_1fr] focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent"
        >
          {/* On a narrow screen, the mark is a line of its own above the two sides. */}
          <span
            className="col-span-2 text-xs font-semibold empty:hidden sm:col-span-1 sm:empty:block"
            style={{ color: item.mark === 'same' ? 'var(--muted)' : MARK_COLOR[item.mark] }}
          >
            {item.mark === 'same' ? '' : MARK_TEXT[item.mark]}
          </span>
          <Side run="A" step={item.a} outcome={item.outcomeA} estimates={estimates[0]} />
          <Side run="B" step={item.b} outcome={item.outcomeB} estimates={estimates[1]} />
        </button>
        {hasDiff && item.a && item.b && <StepTextDiff a={item.a.event} b={item.b.event} />}
      </div>
    </VirtualRow>
  );
});

const OUTCOME_COLOR = { ok: 'var(--status-completed)', failed: 'var(--status-failed)', unknown: 'var(--status-timeout)' };
const OUTCOME_ICON = { ok: '✓', failed: '✕', unknown: '?' };

interface SideProps {
  run: 'A' | 'B';
  step: RunStep | null;
  outcome: StepOutcome | null;
  estimates: ReadonlyMap<string, TokenCount>;
}

function Side({ run, step, outcome, estimates }: SideProps) {
  if (!step || !outcome) return <span className="text-sm italic text-muted">not in run {run}</span>;
  const kind = KIND_STYLE[step.event.kind];
  const tokens = stepTokens(step, estimates);
  const error = stepError(step);
  return (
    <span className="flex min-w-0 items-start gap-2">
      <KindIcon kind={step.event.kind} failed={outcome.tone === 'failed'} />
      <span className="min-w-0">
        <span className="block text-sm [overflow-wrap:anywhere]">
          <span className="sr-only">Run {run}: </span>
          <span className="text-xs uppercase" style={{ color: kind.color }}>
            {kind.label}
          </span>{' '}
          {stepName(step)}{' '}
          <span className="text-xs font-semibold" style={{ color: OUTCOME_COLOR[outcome.tone] }}>
            <span aria-hidden="true">{OUTCOME_ICON[outcome.tone]}</span> {outcome.label}
          </span>
        </span>
        <span className="block text-xs text-muted">
          {[
            step.durationMs !== null ? formatDuration(step.durationMs) : null,
            tokens ? `${tokens.estimated ? '~' : ''}${formatNumber(tokens.total)} tokens${tokens.estimated ? ' (estimated)' : ''}` : null,
          ]
            .filter(Boolean)
            .join(' · ')}
        </span>
        {error && <span className="block break-words text-xs text-[var(--status-failed)]">{error}</span>}
      </span>
    </span>
  );
}
