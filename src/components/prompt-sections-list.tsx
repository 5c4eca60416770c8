import { useState } from 'react';
import { formatNumber } from '../lib/format';
import { sectionLabel, type PromptSection, type SectionTokens } from '../run/prompt-sections';

interface PromptSectionsListProps {
  sections: PromptSection[];
  tokens: SectionTokens | null;
  counting: boolean;
  onGoTo: (section: PromptSection) => void;
}

/** The sections of a prompt with their tokens, share and a bar; nested ones fold. */
export function PromptSectionsList({ sections, tokens, counting, onGoTo }: PromptSectionsListProps) {
  return (
    <div className="mb-2">
      <p className="mb-1 text-xs text-muted">
        {tokens
          ? `${tokens.estimated ? '~' : ''}${formatNumber(tokens.total)} prompt tokens${tokens.estimated ? ' (estimated)' : ' (reported; sections shared out by estimate)'}`
          : counting
            ? 'Counting tokens…'
            : 'Tokens not counted yet.'}
      </p>
      <ul aria-label="Prompt sections" className="space-y-0.5 text-sm">
        {sections.map((section) => (
          <SectionItem key={section.id} section={section} tokens={tokens} onGoTo={onGoTo} />
        ))}
      </ul>
    </div>
  );
}

function SectionItem({
  section,
  tokens,
  onGoTo,
}: {
  section: PromptSection;
  tokens: SectionTokens | null;
  onGoTo: (section: PromptSection) => void;
}) {
  const [open, setOpen] = useState(true);
  const count = tokens?.bySection.get(section.id) ?? null;
  const share = count !== null && tokens && tokens.total > 0 ? count / tokens.total : null;
  const label = sectionLabel(section);
  return (
    <li>
      <div className="flex items-center gap-2">
        {section.children.length > 0 ? (
          <button
            type="button"
            aria-expanded={open}
            aria-label={`${open ? 'Fold' : 'Unfold'} ${label}`}
            onClick={() => setOpen(!open)}
            className="w-4 shrink-0 text-xs text-muted focus-visible:outline-2 focus-visible:outline-accent"
          >
            {open ? '▾' : '▸'}
          </button>
        ) : (
          <span className="w-4 shrink-0" aria-hidden="true" />
        )}
        <button
          type="button"
          onClick={() => onGoTo(section)}
          title={`Show ${label} in the prompt`}
          className="min-w-0 flex-1 truncate text-left font-mono text-xs text-accent underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-accent"
        >
          {label}
        </button>
        <span className="w-28 shrink-0 text-right text-xs tabular-nums">
          {count === null ? '…' : `${tokens?.estimated ? '~' : ''}${formatNumber(count)} tokens`}
        </span>
        <span className="w-10 shrink-0 text-right text-xs tabular-nums text-muted">
          {share === null ? '' : `${Math.round(share * 100)}%`}
        </span>
        <span aria-hidden="true" className="h-2 w-20 shrink-0 rounded-sm bg-subtle">
          <span className="block h-full rounded-sm bg-[var(--chart-prompt)]" style={{ width: `${Math.min(share ?? 0, 1) * 100}%` }} />
        </span>
      </div>
      {open && section.children.length > 0 && (
        <ul aria-label={`Sections in ${label}`} className="ml-4 space-y-0.5 border-l border-border pl-2">
          {section.children.map((child) => (
            <SectionItem key={child.id} section={child} tokens={tokens} onGoTo={onGoTo} />
          ))}
        </ul>
      )}
    </li>
  );
}
