import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONTEXT_LINES, diffTexts, type DiffBlock } from './text-diff';

const prompt = (city: string) =>
  [
    '# Task',
    ...Array.from({ length: 200 }, (_, index) => `Example ${index}: the agent answers politely and briefly.`),
    `User: weather in ${city}?`,
    '# End',
  ].join('\n');

/** The text a side had, rebuilt from the blocks. */
function side(blocks: DiffBlock[], which: 'before' | 'after'): string[] {
  return blocks.flatMap((block) => {
    if (block.kind === 'changed') return [block[which].map((part) => part.text).join('')];
    if (block.kind === 'added') return which === 'after' ? block.lines : [];
    if (block.kind === 'removed') return which === 'before' ? block.lines : [];
    return block.lines;
  });
}

describe('diffTexts', () => {
  it('shows the one changed line of a long prompt, with its words, and folds the rest', () => {
    const diff = diffTexts(prompt('Paris'), prompt('Lyon'));
    expect(diff).toMatchObject({ added: 1, removed: 1, identical: false });
    expect(diff.blocks.map((block) => block.kind)).toEqual(['folded', 'same', 'changed', 'same']);
    const changed = diff.blocks[2];
    if (changed.kind !== 'changed') throw new Error('expected a changed line');
    expect(changed.before.filter((part) => part.change === 'removed').map((part) => part.text)).toEqual(['Paris']);
    expect(changed.after.filter((part) => part.change === 'added').map((part) => part.text)).toEqual(['Lyon']);
    expect(diff.blocks[1].kind === 'same' && diff.blocks[1].lines.length).toBe(CONTEXT_LINES);
  });

  it('folds an identical text whole', () => {
    const diff = diffTexts(prompt('Paris'), prompt('Paris'));
    expect(diff.identical).toBe(true);
    expect(diff.blocks.map((block) => block.kind)).toEqual(['folded']);
  });

  it('loses no line of either text, whatever the texts', () => {
    const lines = fc.array(fc.constantFrom('a', 'b', 'c', '', 'long line of words here', '\u0000'), { maxLength: 30 });
    fc.assert(
      fc.property(lines, lines, (before, after) => {
        const a = before.join('\n');
        const b = after.join('\n');
        const diff = diffTexts(a, b);
        expect(side(diff.blocks, 'before').join('\n')).toBe(a.replace(/\n$/, ''));
        expect(side(diff.blocks, 'after').join('\n')).toBe(b.replace(/\n$/, ''));
      }),
      { numRuns: 500 },
    );
  });
});
