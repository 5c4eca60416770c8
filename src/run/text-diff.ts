import { diffLines, diffWordsWithSpace } from 'diff';

// A line diff of two texts (prompts, responses) with the unchanged stretches folded, so that the
// one changed line of an 8,000-character prompt is what the eye lands on.

export interface WordPart {
  text: string;
  change: 'same' | 'added' | 'removed';
}

export type DiffBlock =
  | { kind: 'same'; lines: string[] }
  /** Unchanged lines hidden until asked for; `lines` keeps them. */
  | { kind: 'folded'; lines: string[] }
  | { kind: 'removed'; lines: string[] }
  | { kind: 'added'; lines: string[] }
  /** One line changed in place: its words, marked. */
  | { kind: 'changed'; before: WordPart[]; after: WordPart[] };

export interface TextDiff {
  blocks: DiffBlock[];
  added: number;
  removed: number;
  identical: boolean;
}

/** Unchanged lines kept around each change. */
export const CONTEXT_LINES = 2;
/** Past this size a word diff of a changed line is not worth its cost; the lines show whole. */
const MAX_WORD_DIFF_CHARS = 4000;

export function diffTexts(before: string, after: string): TextDiff {
  if (before === after) {
    const lines = splitLines(before);
    return { blocks: fold([{ kind: 'same', lines }]), added: 0, removed: 0, identical: true };
  }
  const blocks: DiffBlock[] = [];
  let added = 0;
  let removed = 0;
  const changes = diffLines(before, after);
  for (let index = 0; index < changes.length; index++) {
    const change = changes[index];
    const lines = splitLines(change.value);
    if (change.removed) {
      removed += lines.length;
      const next = changes[index + 1];
      const nextLines = next?.added ? splitLines(next.value) : null;
      // One line replaced by one line: show which words changed.
      if (nextLines && lines.length === 1 && nextLines.length === 1 && lines[0].length + nextLines[0].length <= MAX_WORD_DIFF_CHARS) {
        added += 1;
        blocks.push({ kind: 'changed', ...wordDiff(lines[0], nextLines[0]) });
        index++;
        continue;
      }
      blocks.push({ kind: 'removed', lines });
    } else if (change.added) {
      added += lines.length;
      blocks.push({ kind: 'added', lines });
    } else {
      blocks.push({ kind: 'same', lines });
    }
  }
  return { blocks: fold(blocks), added, removed, identical: false };
}

function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines.length > 1 && lines.at(-1) === '') lines.pop();
  return lines;
}

function wordDiff(before: string, after: string): { before: WordPart[]; after: WordPart[] } {
  const parts = diffWordsWithSpace(before, after);
  return {
    before: parts.filter((part) => !part.added).map((part) => ({ text: part.value, change: part.removed ? 'removed' : 'same' })),
    after: parts.filter((part) => !part.removed).map((part) => ({ text: part.value, change: part.added ? 'added' : 'same' })),
  };
}

/** Keeps CONTEXT_LINES unchanged lines next to each change and folds the rest. */
function fold(blocks: DiffBlock[]): DiffBlock[] {
  const folded: DiffBlock[] = [];
  blocks.forEach((block, index) => {
    if (block.kind !== 'same') {
      folded.push(block);
      return;
    }
    const keepBefore = index > 0 ? CONTEXT_LINES : 0;
    const keepAfter = index < blocks.length - 1 ? CONTEXT_LINES : 0;
    const { lines } = block;
    if (lines.length <= keepBefore + keepAfter + 1) {
      folded.push(block);
      return;
    }
    if (keepBefore) folded.push({ kind: 'same', lines: lines.slice(0, keepBefore) });
    folded.push({ kind: 'folded', lines: lines.slice(keepBefore, lines.length - keepAfter) });
    if (keepAfter) folded.push({ kind: 'same', lines: lines.slice(lines.length - keepAfter) });
  });
  return folded;
}
