import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { displayRows, findAll, lastAtOrBefore, rowEnd } from './text-find';

const rowsText = (text: string, rowChars?: number) => {
  const starts = displayRows(text, rowChars);
  return starts.map((start, index) => text.slice(start, rowEnd(text, starts, index)));
};

describe('displayRows', () => {
  it('makes one row per line, empty lines included', () => {
    expect(rowsText('a\n\nbc\n')).toEqual(['a', '', 'bc', '']);
    expect(rowsText('')).toEqual(['']);
  });

  it('cuts a long line into pieces', () => {
    expect(rowsText('abcdefg\nhi', 3)).toEqual(['abc', 'def', 'g', 'hi']);
  });

  it('rows put back together give the text again', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'b', '\n') }), fc.integer({ min: 1, max: 5 }), (text, rowChars) => {
        const starts = displayRows(text, rowChars);
        const rebuilt = starts.map((start, index) => text.slice(start, starts[index + 1] ?? text.length)).join('');
        expect(rebuilt).toBe(text);
        for (const row of rowsText(text, rowChars)) expect(row.length).toBeLessThanOrEqual(rowChars);
      }),
    );
  });

  it('handles a 1 MB text of 20,000 lines', () => {
    const text = Array.from({ length: 20_000 }, (_, index) => `line ${index} `.padEnd(50, 'x')).join('\n');
    expect(displayRows(text)).toHaveLength(20_000);
  });
});

describe('findAll', () => {
  it('finds every match, ignoring case', () => {
    expect(findAll('Atlas met atlas; ATLAS.', 'atlas')).toEqual([0, 10, 17]);
    expect(findAll('aaaa', 'aa')).toEqual([0, 2]);
    expect(findAll('abc', '')).toEqual([]);
    expect(findAll('abc', 'z')).toEqual([]);
  });

  it('every offset it gives is a real match', () => {
    fc.assert(
      fc.property(fc.string(), fc.string({ minLength: 1, maxLength: 3 }), (text, query) => {
        for (const at of findAll(text, query)) expect(text.slice(at, at + query.length).toLowerCase()).toBe(query.toLowerCase());
      }),
    );
  });
});

describe('lastAtOrBefore', () => {
  it('finds the row a match is in', () => {
    expect(lastAtOrBefore([0, 4, 9], 5)).toBe(1);
    expect(lastAtOrBefore([0, 4, 9], 9)).toBe(2);
    expect(lastAtOrBefore([3], 1)).toBe(-1);
  });
});
