import { alignKeys } from './align-runs';
import { sectionLabel, splitPrompt } from './prompt-sections';

// Two prompts diffed section by section (`<providers> › Conversation Messages`), so a section
// that grew by 900 tokens says so, and unchanged sections stay out of the way.

export interface PromptPiece {
  label: string;
  text: string;
}

export interface SectionChange {
  label: string;
  change: 'same' | 'changed' | 'added' | 'removed';
  before: string;
  after: string;
  /** Estimated from the length (about 4 characters a token): a size, not a count. */
  tokenDelta: number;
}

/** About 4 characters a token for English prompts: enough to say which section grew. */
export const estimateTokensFromLength = (text: string) => Math.round(text.length / 4);

/**
 * The prompt cut into labelled pieces that cover it exactly: each top-level section, or, for a
 * section with subsections, its own text between them and each subsection under `parent › child`.
 */
export function promptPieces(prompt: string): PromptPiece[] {
  const pieces: PromptPiece[] = [];
  const push = (label: string, start: number, end: number) => {
    if (end > start) pieces.push({ label, text: prompt.slice(start, end) });
  };
  let at = 0;
  for (const section of splitPrompt(prompt)) {
    push('Between sections', at, section.start);
    const label = sectionLabel(section);
    let inner = section.start;
    for (const child of section.children) {
      push(label, inner, child.start);
      push(`${label} › ${sectionLabel(child)}`, child.start, child.end);
      inner = child.end;
    }
    push(label, inner, section.end);
    at = section.end;
  }
  push('Between sections', at, prompt.length);
  return mergeAdjacent(pieces);
}

/** Pieces with the same label side by side (a block's text around a child) become one. */
function mergeAdjacent(pieces: PromptPiece[]): PromptPiece[] {
  const merged: PromptPiece[] = [];
  for (const piece of pieces) {
    const last = merged.at(-1);
    if (last && last.label === piece.label) last.text += piece.text;
    else merged.push({ ...piece });
  }
  return merged;
}

/** null when neither prompt has sections to speak of: the whole-text diff says it all then. */
export function diffPromptSections(before: string, after: string): SectionChange[] | null {
  const a = promptPieces(before);
  const b = promptPieces(after);
  if (a.length <= 1 && b.length <= 1) return null;
  return alignKeys(
    a.map((piece) => piece.label),
    b.map((piece) => piece.label),
  ).map(([i, j]) => {
    const old = i >= 0 ? a[i] : null;
    const next = j >= 0 ? b[j] : null;
    const label = (old ?? next)?.label ?? '';
    const textBefore = old?.text ?? '';
    const textAfter = next?.text ?? '';
    const change = !old ? 'added' : !next ? 'removed' : textBefore === textAfter ? 'same' : 'changed';
    return {
      label,
      change,
      before: textBefore,
      after: textAfter,
      tokenDelta: estimateTokensFromLength(textAfter) - estimateTokensFromLength(textBefore),
    };
  });
}
