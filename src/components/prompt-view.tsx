import { Fragment, useId, useMemo, useRef } from 'react';
import { flattenSections, splitPrompt, type PromptSection } from '../run/prompt-sections';
import { HighlightedText } from './highlighted-text';
import { PromptSectionsList } from './prompt-sections-list';
import { usePromptBreakdown } from './prompt-tokens-context';
import { CopyButton } from './ui/copy-button';
import { LongTextButton } from './long-text-button';
import { INLINE_TEXT_CHARS, TextCutNote } from './text-cut-note';

/** A prompt as readable text with its sections listed above it; a section's name scrolls to it. */
export function PromptView({ prompt, promptKey, label = 'prompt' }: { prompt: string; promptKey: string; label?: string }) {
  const { breakdown, counting, query } = usePromptBreakdown(promptKey);
  const sections = useMemo(() => breakdown?.sections ?? splitPrompt(prompt), [breakdown, prompt]);
  const starts = useMemo(() => [...new Set(flattenSections(sections).map((section) => section.start))].sort((a, b) => a - b), [sections]);
  const textRef = useRef<HTMLPreElement>(null);
  const base = useId();

  const shown = Math.min(prompt.length, INLINE_TEXT_CHARS);
  const goTo = (section: PromptSection) => {
    // A section past what the box shows: to the note that opens the whole prompt.
    if (section.start >= shown) return document.getElementById(`${base}-cut`)?.scrollIntoView({ block: 'nearest' });
    const anchor = document.getElementById(`${base}-at-${section.start}`);
    const box = textRef.current;
    if (!anchor || !box) return;
    box.scrollTop = Math.max(anchor.offsetTop - 8, 0);
    anchor.scrollIntoView({ block: 'nearest' });
  };

  const cuts = [0, ...starts.filter((start) => start > 0 && start < shown), shown];
  return (
    <div>
      <PromptSectionsList sections={sections} tokens={breakdown?.tokens ?? null} counting={counting} onGoTo={goTo} />
      <div className="mb-1 flex items-center justify-end gap-2">
        <LongTextButton text={prompt} title={label} className="text-xs">
          Open in a viewer with find
        </LongTextButton>
        <CopyButton text={prompt} label={`Copy the ${label}`} idleText="Copy prompt" />
      </div>
      <pre
        ref={textRef}
        tabIndex={0}
        aria-label={`The ${label} as text`}
        className="relative max-h-96 overflow-auto whitespace-pre-wrap break-words rounded border border-border bg-subtle p-2 font-mono text-xs"
      >
        {cuts.slice(0, -1).map((start, index) => (
          <Fragment key={start}>
            <span id={`${base}-at-${start}`} />
            <HighlightedText text={prompt.slice(start, cuts[index + 1])} query={query} />
          </Fragment>
        ))}
      </pre>
      <TextCutNote text={prompt} shown={shown} title={label} id={`${base}-cut`} />
    </div>
  );
}
