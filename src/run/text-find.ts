// Finding in a long text (a 1 MB prompt, a 5 MB line) without rendering all of it: the text is cut
// into display rows (its lines, long lines in pieces) so a viewer can virtualise them, and matches
// are offsets into the whole text, so one can span two rows.

/** A long line is cut into rows of at most this many characters. */
export const ROW_CHARS = 2000;

/** Where each display row starts; a row ends where the next starts (its newline excluded). */
export function displayRows(text: string, rowChars = ROW_CHARS): number[] {
  const starts: number[] = [];
  let lineStart = 0;
  while (lineStart <= text.length) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    for (let start = lineStart; start < lineEnd || start === lineStart; start += rowChars) starts.push(start);
    if (newline === -1) break;
    lineStart = newline + 1;
  }
  return starts;
}

/** The end of row `index` (exclusive, without its newline). */
export function rowEnd(text: string, starts: readonly number[], index: number): number {
  const next = index + 1 < starts.length ? starts[index + 1] : text.length;
  return next > starts[index] && text[next - 1] === '\n' ? next - 1 : next;
}

/** Every case-insensitive match of `query` (offsets of their starts, not overlapping). */
export function findAll(text: string, query: string): number[] {
  const needle = query.toLowerCase();
  if (needle.length === 0) return [];
  const haystack = text.toLowerCase();
  // toLowerCase can change lengths (İ): then offsets would drift, so search the text as it is.
  const source = haystack.length === text.length ? haystack : text;
  const matches: number[] = [];
  for (let at = source.indexOf(needle); at !== -1; at = source.indexOf(needle, at + needle.length)) matches.push(at);
  return matches;
}

/** The index of the last element of the sorted `values` that is <= `value` (-1 if none). */
export function lastAtOrBefore(values: readonly number[], value: number): number {
  let low = 0;
  let high = values.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (values[middle] <= value) {
      found = middle;
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}
