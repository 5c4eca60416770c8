import { useState } from 'react';
import { CopyButton } from './ui/copy-button';
import { Button } from './ui/button';
import { jsonText } from '../lib/json-text';
import { LongTextButton } from './long-text-button';

// A collapsible JSON tree that renders only what is open: children exist in the DOM only once
// their parent is expanded, big arrays and objects open a page at a time, and long strings are
// folded. Values are rendered as text, never as HTML.

const PAGE = 100;
const FOLD_LINES = 6;
const FOLD_CHARS = 1200;
/** Longer strings open in the text viewer instead of in place: the page must not grow by metres. */
const IN_PLACE_CHARS = 20_000;

export function JsonTree({ value, label }: { value: unknown; label: string }) {
  return (
    <div className="rounded border border-border bg-subtle p-2 font-mono text-xs">
      <div className="mb-1 flex justify-end">
        <CopyButton text={() => jsonText(value, 2)} label={`Copy ${label} as JSON`} />
      </div>
      <JsonNode name={null} value={value} depth={0} />
    </div>
  );
}

function JsonNode({ name, value, depth }: { name: string | null; value: unknown; depth: number }) {
  const [open, setOpen] = useState(() => openByDefault(value, depth));
  const [shown, setShown] = useState(PAGE);
  const key = name === null ? null : <span className="text-[var(--kind-action)]">{name}: </span>;

  if (value === null || typeof value !== 'object') {
    return (
      <div className="py-0.5 pl-4">
        {key}
        <Primitive name={name} value={value} />
      </div>
    );
  }

  const entries = Array.isArray(value) ? value.map((item, index) => [String(index), item] as const) : Object.entries(value);
  const [openBracket, closeBracket] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  const count = plural(entries.length, Array.isArray(value) ? 'item' : 'key');
  return (
    <div className="pl-4">
      <button
        type="button"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        className="-ml-4 rounded py-0.5 text-left hover:bg-card focus-visible:outline-2 focus-visible:outline-accent"
      >
        <span aria-hidden="true" className="inline-block w-4 text-muted">
          {open ? '▾' : '▸'}
        </span>
        {key}
        <span className="text-muted">
          {openBracket}
          {open ? '' : ` ${count} ${closeBracket}`}
        </span>
      </button>
      {open && (
        <>
          {entries.slice(0, shown).map(([childName, child]) => (
            <JsonNode key={childName} name={childName} value={child} depth={depth + 1} />
          ))}
          {entries.length > shown && (
            <Button variant="link" className="ml-4" onClick={() => setShown(shown + PAGE)}>
              Show {Math.min(PAGE, entries.length - shown)} more of {entries.length - shown} remaining
            </Button>
          )}
          <div className="text-muted">{closeBracket}</div>
        </>
      )}
    </div>
  );
}

function Primitive({ name, value }: { name: string | null; value: unknown }) {
  if (typeof value === 'string') return <FoldedString name={name} value={value} />;
  const color = typeof value === 'number' ? 'var(--kind-model)' : 'var(--kind-embedding)';
  return <span style={{ color }}>{value === undefined ? 'undefined' : String(value)}</span>;
}

/** Keeps line breaks; folds after a few lines or a kilobyte or so, with "show more" (a viewer when long). */
function FoldedString({ name, value }: { name: string | null; value: string }) {
  const [expanded, setExpanded] = useState(false);
  const lines = value.split('\n', FOLD_LINES + 1);
  const foldable = lines.length > FOLD_LINES || value.length > FOLD_CHARS;
  const visible = expanded || !foldable ? value : lines.slice(0, FOLD_LINES).join('\n').slice(0, FOLD_CHARS);
  return (
    <span className="whitespace-pre-wrap break-words text-[var(--kind-evaluator)]">
      &quot;{visible}
      {!expanded && foldable && '…'}&quot;
      {foldable && value.length > IN_PLACE_CHARS && (
        <LongTextButton text={value} title={name === null ? 'text' : `"${name}" text`} className="ml-2 font-sans">
          show more ({value.length.toLocaleString('en')} characters)
        </LongTextButton>
      )}
      {foldable && value.length <= IN_PLACE_CHARS && (
        <Button variant="link" className="ml-2 font-sans" aria-expanded={expanded} onClick={() => setExpanded(!expanded)}>
          {expanded ? 'show less' : `show more (${value.length.toLocaleString('en')} characters)`}
        </Button>
      )}
    </span>
  );
}

/** The top level is open; small objects a couple of levels down too, so short payloads read at a glance. */
function openByDefault(value: unknown, depth: number): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (depth === 0) return true;
  const size = Array.isArray(value) ? value.length : Object.keys(value).length;
  return depth <= 2 && size <= 8;
}

function plural(count: number, noun: string): string {
  return `${count.toLocaleString('en')} ${noun}${count === 1 ? '' : 's'}`;
}
