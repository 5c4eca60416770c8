import { useMemo } from 'react';
import { formatNumber } from '../lib/format';
import { diffPromptSections, type SectionChange } from '../run/prompt-diff';
import { TextDiffView } from './text-diff-view';

/** Two prompts diffed section by section when they have sections, else as whole texts. */
export function PromptDiffView({ before, after }: { before: string; after: string }) {
  const sections = useMemo(() => diffPromptSections(before, after), [before, after]);
  if (!sections) return <TextDiffView label="Prompt diff" before={before} after={after} />;
  const changed = sections.filter((section) => section.change !== 'same');
  // A block's own text around its subsections can be cut in several pieces: named once.
  const same = [...new Set(sections.filter((section) => section.change === 'same').map((section) => section.label))];
  const changedCount = new Set(changed.map((section) => section.label)).size;
  return (
    <figure className="min-w-0">
      <figcaption className="mb-1 text-xs font-semibold">
        Prompt diff{' '}
        <span className="font-normal text-muted">
          (by section: {changedCount} changed, {same.length} unchanged)
        </span>
      </figcaption>
      <div role="group" aria-label="Prompt diff" className="space-y-2">
        {changed.map((section, index) => (
          <TextDiffView key={`${section.label}-${index}`} label={sectionTitle(section)} before={section.before} after={section.after} />
        ))}
        {same.length > 0 && <p className="text-xs text-muted">Unchanged: {same.join(', ')}.</p>}
        <details className="text-xs">
          <summary className="cursor-pointer">Whole prompt diff</summary>
          <div className="mt-1">
            <TextDiffView label="Whole prompt diff" before={before} after={after} />
          </div>
        </details>
      </div>
    </figure>
  );
}

function sectionTitle(section: SectionChange): string {
  const what = section.change === 'added' ? 'only in B' : section.change === 'removed' ? 'only in A' : 'changed';
  const delta =
    section.tokenDelta === 0
      ? ''
      : `, ${section.tokenDelta > 0 ? 'grew by' : 'shrank by'} about ${formatNumber(Math.abs(section.tokenDelta))} tokens`;
  return `Section ${section.label} ${what}${delta}`;
}
