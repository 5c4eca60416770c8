import { useMemo, useState, type ReactNode } from 'react';
import { formatNumber } from '../lib/format';
import { diffTexts, type DiffBlock, type WordPart } from '../run/text-diff';

/** A line diff of two texts, unchanged stretches folded behind a button. */
export function TextDiffView({ label, before, after }: { label: string; before: string; after: string }) {
  const diff = useMemo(() => diffTexts(before, after), [before, after]);
  const [opened, setOpened] = useState<ReadonlySet<number>>(new Set());
  const lines = (count: number) => `${formatNumber(count)} ${count === 1 ? 'line' : 'lines'}`;
  const summary = diff.identical ? 'identical' : `${lines(diff.removed)} removed, ${lines(diff.added)} added`;
  return (
    <figure className="min-w-0">
      <figcaption className="mb-1 text-xs font-semibold">
        {label} <span className="font-normal text-muted">({summary})</span>
      </figcaption>
      <div role="group" aria-label={label} className="max-h-[32rem] overflow-auto rounded border border-border bg-subtle font-mono text-xs">
        {diff.blocks.map((block, index) =>
          block.kind === 'folded' && !opened.has(index) ? (
            <button
              key={index}
              type="button"
              onClick={() => setOpened(new Set([...opened, index]))}
              className="block w-full border-y border-dashed border-border px-2 py-0.5 text-left text-muted hover:bg-card focus-visible:outline-2 focus-visible:outline-accent"
            >
              ⋯ {formatNumber(block.lines.length)} unchanged {block.lines.length === 1 ? 'line' : 'lines'} (show)
            </button>
          ) : (
            <Block key={index} block={block} />
          ),
        )}
      </div>
    </figure>
  );
}

function Block({ block }: { block: DiffBlock }) {
  if (block.kind === 'changed') {
    return (
      <>
        <Line sign="−" className="bg-[var(--diff-removed)]">
          <del className="no-underline">
            <Words parts={block.before} />
          </del>
        </Line>
        <Line sign="+" className="bg-[var(--diff-added)]">
          <ins className="no-underline">
            <Words parts={block.after} />
          </ins>
        </Line>
      </>
    );
  }
  if (block.kind === 'removed' || block.kind === 'added') {
    const Tag = block.kind === 'removed' ? 'del' : 'ins';
    return block.lines.map((line, index) => (
      <Line
        key={index}
        sign={block.kind === 'removed' ? '−' : '+'}
        className={block.kind === 'removed' ? 'bg-[var(--diff-removed)]' : 'bg-[var(--diff-added)]'}
      >
        <Tag className="no-underline">{line}</Tag>
      </Line>
    ));
  }
  return block.lines.map((line, index) => (
    <Line key={index} sign=" ">
      {line}
    </Line>
  ));
}

function Line({ sign, className, children }: { sign: string; className?: string; children: ReactNode }) {
  return (
    <div className={`flex gap-2 px-2 ${className ?? ''}`}>
      <span aria-hidden="true" className="w-3 shrink-0 select-none text-muted">
        {sign}
      </span>
      <span className="min-w-0 whitespace-pre-wrap break-words">{children}</span>
    </div>
  );
}

function Words({ parts }: { parts: WordPart[] }) {
  return parts.map((part, index) =>
    part.change === 'same' ? (
      <span key={index}>{part.text}</span>
    ) : (
      <mark key={index} className="rounded-sm bg-transparent font-bold text-inherit underline decoration-2">
        {part.text}
      </mark>
    ),
  );
}
