import { formatNumber } from '../lib/format';
import { LongTextButton } from './long-text-button';

/**
 * Text shown inline (a prompt, a response) stops here: laying out a 10 MB prompt took the browser
 * over 2 s, while the whole text is one click away in the bounded viewer, which has find.
 */
export const INLINE_TEXT_CHARS = 100_000;

/** Says how much of `text` the box above shows, and opens all of it. Nothing when it shows all. */
export function TextCutNote({ text, shown, title, id }: { text: string; shown: number; title: string; id?: string }) {
  if (shown >= text.length) return null;
  return (
    <p id={id} className="mt-1 text-xs text-muted">
      Showing the first {formatNumber(shown)} of {formatNumber(text.length)} characters.{' '}
      <LongTextButton text={text} title={title} className="text-xs">
        Open the whole {title} in a viewer with find
      </LongTextButton>
    </p>
  );
}
