import { Fragment } from 'react';

/** `text` with every case-insensitive match of `query` marked; rendered as text, never HTML. */
export function HighlightedText({ text, query }: { text: string; query: string }) {
  const needle = query.trim().toLowerCase();
  if (needle.length < 2) return <>{text}</>;
  const lower = text.toLowerCase();
  const parts: React.ReactNode[] = [];
  let from = 0;
  for (let at = lower.indexOf(needle); at !== -1 && parts.length < 2000; at = lower.indexOf(needle, at + needle.length)) {
    parts.push(
      <Fragment key={`t${from}`}>{text.slice(from, at)}</Fragment>,
      <mark key={`m${at}`}>{text.slice(at, at + needle.length)}</mark>,
    );
    from = at + needle.length;
  }
  parts.push(<Fragment key={`t${from}`}>{text.slice(from)}</Fragment>);
  return <>{parts}</>;
}
