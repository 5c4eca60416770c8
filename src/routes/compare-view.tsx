import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useAfterFirstPaint } from '../components/after-first-paint';
import { Card, CardTitle } from '../components/ui/card';
import { AlignedSteps } from '../components/aligned-steps';
import { MARK_TEXT } from '../components/aligned-step-item';
import { CompareSideCard } from '../components/compare-side-card';
import { DifferenceNav } from '../components/difference-nav';
import { DifferencesList } from '../components/differences-list';
import { useCompareKeys } from '../components/use-compare-keys';
import type { RevealRequest } from '../components/use-window-list';
import { useNow } from '../components/use-now';
import { Skeleton } from '../components/ui/skeleton';
import { CopyButton } from '../components/ui/copy-button';
import { shareableUrl } from '../api/share-link';
import { comparisonToMarkdown } from '../run/compare-markdown';
import { runSteps } from '../run/align-runs';
import { countMarks, isLegacyStepId, resolveStepId, runDifferences, runFacts, stepName } from '../run/compare-runs';
import type { Run } from '../run/model';
import { deriveStatus } from '../run/status';
import type { RunSource } from '../run/run-source';
import { useAlignment } from './use-alignment';
import { useCheckedRun } from './use-checked-run';
import { useTokenEstimates } from './use-token-estimates';

export interface CompareInput {
  source: RunSource;
  run: Run;
  /** The run's own page; null for a file. */
  href: string | null;
}

interface CompareViewProps {
  a: CompareInput;
  b: CompareInput;
  /** The selected aligned step (its id), from the URL. */
  step: string | null;
  onStep: (id: string | null) => void;
}

/** Two loaded runs compared: both at a glance, the differences first, then the aligned steps. */
export function CompareView({ a, b, step: requestedStep, onStep }: CompareViewProps) {
  const runA = useCheckedRun(a.source, a.run);
  const runB = useCheckedRun(b.source, b.run);
  // The steps first: their alignment starts in a worker while the rest of the page renders.
  const stepsA = useMemo(() => runSteps(runA), [runA]);
  const stepsB = useMemo(() => runSteps(runB), [runB]);
  const { items, error } = useAlignment(stepsA, stepsB);
  const now = useNow();
  // Counted once the aligned steps are on screen (a frame painted with them): gathering the calls,
  // the request and the render it brings would delay them.
  const stepsShown = useAfterFirstPaint(items !== null);
  const { estimates: estimatesA } = useTokenEstimates(runA, a.source, true, !stepsShown);
  const { estimates: estimatesB } = useTokenEstimates(runB, b.source, true, !stepsShown);
  const factsA = useMemo(() => runFacts(runA, estimatesA, now), [runA, estimatesA, now]);
  const factsB = useMemo(() => runFacts(runB, estimatesB, now), [runB, estimatesB, now]);
  const differences = useMemo(() => runDifferences(factsA, factsB, items ?? []), [factsA, factsB, items]);
  const marks = useMemo(() => (items ? countMarks(items) : null), [items]);
  const differenceIndexes = useMemo(() => items?.flatMap((item, index) => (item.mark === 'same' ? [] : [index])) ?? [], [items]);
  const estimates = useMemo(() => [estimatesA, estimatesB] as [typeof estimatesA, typeof estimatesB], [estimatesA, estimatesB]);
  // An old link names its step by position (`3:4`): it opens that step, and the URL then names it
  // by its events' ids.
  const step = useMemo(() => (items && requestedStep ? resolveStepId(items, requestedStep) : requestedStep), [items, requestedStep]);
  useEffect(() => {
    if (step !== requestedStep) onStep(step);
  }, [step, requestedStep, onStep]);
  const [revealed, setReveal] = useState<RevealRequest | null>(() => (requestedStep ? { key: requestedStep, focus: false } : null));
  const reveal = useMemo(
    () => (revealed && items && isLegacyStepId(revealed.key) ? { ...revealed, key: resolveStepId(items, revealed.key) } : revealed),
    [revealed, items],
  );

  const selectedIndex = items && step ? items.findIndex((item) => item.id === step) : -1;
  // Keys can come faster than the URL that holds the step renders again: a move starts from the
  // step last asked for, not from the one on screen.
  const requested = useRef(step);
  // The step last asked for whose URL has not rendered yet: the URL catching up with an earlier key
  // press must not undo a later one. Any other change of the URL (back, a link) is followed.
  const pending = useRef<string | null>(null);
  useEffect(() => {
    if (pending.current !== null && step !== pending.current) return;
    pending.current = null;
    requested.current = step;
  }, [step]);
  const requestedIndex = () => (items && requested.current ? items.findIndex((item) => item.id === requested.current) : -1);
  const select = (index: number) => {
    if (!items?.[index]) return;
    requested.current = items[index].id;
    pending.current = items[index].id === step ? null : items[index].id;
    onStep(items[index].id);
    setReveal({ key: items[index].id, focus: false });
  };
  const moveDifference = (delta: 1 | -1) => {
    if (differenceIndexes.length === 0) return;
    const from = requestedIndex();
    const next = delta === 1 ? differenceIndexes.find((index) => index > from) : differenceIndexes.findLast((index) => index < from);
    // Past the last difference, start again from the first (and the other way round).
    select(next ?? (delta === 1 ? differenceIndexes[0] : (differenceIndexes.at(-1) as number)));
  };
  useCompareKeys({
    move: (delta) => items && select(Math.min(Math.max(requestedIndex() + delta, 0), items.length - 1)),
    nextDifference: moveDifference,
  });
  const selected = selectedIndex >= 0 && items ? items[selectedIndex] : null;
  const position = selected && selected.mark !== 'same' ? differenceIndexes.indexOf(selectedIndex) + 1 : null;

  // Read when pressed: the differences as they are then (token estimates may have come since).
  const markdown = () =>
    comparisonToMarkdown(
      { runId: runA.runId, facts: factsA },
      { runId: runB.runId, facts: factsB },
      differences,
      marks,
      a.href && b.href ? shareableUrl(location.href) : null,
    );

  return (
    <div className="space-y-4">
      {/* Beside the frame's title where there is room; its own line on a phone. */}
      <div className="flex flex-wrap justify-end gap-2 sm:absolute sm:right-4 sm:top-4">
        {/* A file's comparison has no link that opens it elsewhere: its runs are only in this browser. */}
        {a.href && b.href && (
          <CopyButton text={() => shareableUrl(location.href)} label="Copy link to this comparison" idleText="Copy link" />
        )}
        <CopyButton text={markdown} label="Copy the comparison as Markdown" idleText="Copy as Markdown" />
      </div>
      <div className="grid gap-3 md:grid-cols-2">
        <CompareSideCard side="A" run={runA} status={deriveStatus(runA)} facts={factsA} href={a.href} now={now} />
        <CompareSideCard side="B" run={runB} status={deriveStatus(runB)} facts={factsB} href={b.href} now={now} />
      </div>
      <DifferencesList differences={differences} marks={marks} />
      <section aria-labelledby="aligned-steps-title">
        <h3 id="aligned-steps-title" className="mb-2 text-sm font-semibold">
          Steps, aligned by what they are
        </h3>
        {error ? (
          <p role="alert" className="text-sm text-[var(--status-failed)]">
            {error.message}. Reload the page to try again.
          </p>
        ) : !items ? (
          <div aria-busy="true" aria-label="Aligning the steps">
            <p role="status" className="mb-2 text-sm text-muted">
              Aligning {stepsA.length.toLocaleString('en')} and {stepsB.length.toLocaleString('en')} steps…
            </p>
            <Skeleton className="h-24 w-full" />
          </div>
        ) : (
          <>
            <DifferenceNav
              position={position}
              total={differenceIndexes.length}
              selectedLabel={
                selected && selected.mark !== 'same' ? `${stepName((selected.a ?? selected.b)!)}, ${MARK_TEXT[selected.mark]}` : null
              }
              onMove={moveDifference}
            />
            <AlignedSteps
              items={items}
              selectedId={selected?.id ?? null}
              reveal={reveal}
              estimates={estimates}
              onSelect={(id) => onStep(id)}
            />
          </>
        )}
      </section>
    </div>
  );
}

/** The region that holds a comparison, whatever state its runs are in. */
export function ComparisonFrame({ children }: { children: ReactNode }) {
  return (
    <Card aria-labelledby="compare-title" className="relative space-y-3">
      <CardTitle id="compare-title">Run comparison</CardTitle>
      {children}
    </Card>
  );
}
