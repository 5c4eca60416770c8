// The section tree of a composed elizaOS prompt. plugin-bootstrap builds prompts from XML-like
// blocks (`<task>`, `<providers>`, `<instructions>`, `<output>`...) whose contents are markdown
// put together by providers (`# Available Actions`, `# About Fakebot`, `# Conversation Messages`...).
// Sections carry offsets into the prompt, so a view can scroll to one and count its tokens.

export type SectionKind = 'block' | 'heading' | 'text' | 'whole';

export interface PromptSection {
  /** Stable within one prompt: the section's path of positions, `0`, `1.2`, ... */
  id: string;
  kind: SectionKind;
  /** The tag name of a block, the heading text, or a placeholder for untitled text. */
  name: string;
  /** Offsets into the prompt: [start, end). A block includes its tags; a heading its line. */
  start: number;
  end: number;
  children: PromptSection[];
}

export const UNTITLED_TEXT = 'Text outside any section';
export const WHOLE_PROMPT = 'Whole prompt';

/**
 * Top-level sections in prompt order. Blocks are recognised only at the top level and at the
 * start of a line, with a matching closing tag, so `<think>` in a sentence or an example
 * `<response>` inside `<output>` is not one. Headings nest by level. Top-level text outside any
 * block or heading becomes an untitled section; a prompt with none of these is one section.
 */
export function splitPrompt(prompt: string): PromptSection[] {
  const sections = topLevel(prompt);
  if (sections.length === 0 || (sections.length === 1 && sections[0].kind === 'text')) {
    return [{ id: '0', kind: 'whole', name: WHOLE_PROMPT, start: 0, end: prompt.length, children: [] }];
  }
  return sections;
}

const OPEN_TAG = /<([A-Za-z][\w-]{0,63})>/y;

function topLevel(prompt: string): PromptSection[] {
  const sections: PromptSection[] = [];
  // The last closing tag of each name: a line opening a tag that is never closed after it costs no scan.
  const lastClose = new Map<string, number>();
  let textStart = 0;
  const flushText = (end: number) => {
    if (end > textStart && /\S/.test(prompt.slice(textStart, end))) {
      for (const part of headingSections(prompt, textStart, end)) sections.push(part);
    }
  };
  for (let lineStart = 0; lineStart < prompt.length;) {
    const at = skipSpaces(prompt, lineStart);
    const block = prompt[at] === '<' ? readBlock(prompt, at, lastClose) : null;
    if (block) {
      flushText(lineStart);
      sections.push({
        id: '',
        kind: 'block',
        name: block.name,
        start: at,
        end: block.end,
        children: headingSections(prompt, block.contentStart, block.contentEnd, false),
      });
      textStart = block.end;
      lineStart = block.end;
      continue;
    }
    const newline = prompt.indexOf('\n', lineStart);
    lineStart = newline === -1 ? prompt.length : newline + 1;
  }
  flushText(prompt.length);
  return numbered(sections, '');
}

function skipSpaces(text: string, from: number): number {
  let at = from;
  while (at < text.length && (text[at] === ' ' || text[at] === '\t')) at++;
  return at;
}

/** A block opening at `at` and its matching close (same-name blocks inside it are counted). */
function readBlock(
  prompt: string,
  at: number,
  lastClose: Map<string, number>,
): { name: string; contentStart: number; contentEnd: number; end: number } | null {
  OPEN_TAG.lastIndex = at;
  const open = OPEN_TAG.exec(prompt);
  if (!open) return null;
  const name = open[1];
  const openText = `<${name}>`;
  const closeText = `</${name}>`;
  const contentStart = at + open[0].length;
  let last = lastClose.get(name);
  if (last === undefined) lastClose.set(name, (last = prompt.lastIndexOf(closeText)));
  if (last < contentStart) return null;
  let depth = 1;
  let from = contentStart;
  for (;;) {
    const nextClose = prompt.indexOf(closeText, from);
    if (nextClose === -1) return null;
    const nextOpen = prompt.indexOf(openText, from);
    if (nextOpen !== -1 && nextOpen < nextClose) {
      depth++;
      from = nextOpen + openText.length;
      continue;
    }
    depth--;
    if (depth === 0) return { name, contentStart, contentEnd: nextClose, end: nextClose + closeText.length };
    from = nextClose + closeText.length;
  }
}

interface Heading {
  level: number;
  name: string;
  start: number;
}

const HEADING = /^ {0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$/;
const FENCE = /^ {0,3}(```|~~~)/;

/** Markdown headings between `from` and `to` (outside code fences), as a tree. */
function headings(prompt: string, from: number, to: number): Heading[] {
  const found: Heading[] = [];
  let inFence = false;
  for (let lineStart = from; lineStart < to;) {
    const newline = prompt.indexOf('\n', lineStart);
    const lineEnd = newline === -1 || newline > to ? to : newline;
    const line = prompt.slice(lineStart, lineEnd);
    if (FENCE.test(line)) inFence = !inFence;
    else if (!inFence) {
      const match = HEADING.exec(line);
      if (match && match[2].trim() !== '') found.push({ level: match[1].length, name: match[2].trim(), start: lineStart });
    }
    lineStart = lineEnd + 1;
  }
  return found;
}

/**
 * The headings between `from` and `to` as sections; at the top level (`untitled`) the text before
 * the first heading becomes an untitled section.
 */
function headingSections(prompt: string, from: number, to: number, untitled = true): PromptSection[] {
  const found = headings(prompt, from, to);
  const sections: PromptSection[] = [];
  const firstStart = found[0]?.start ?? to;
  if (untitled && /\S/.test(prompt.slice(from, firstStart))) {
    const start = from + (prompt.slice(from, firstStart).length - prompt.slice(from, firstStart).trimStart().length);
    sections.push({ id: '', kind: 'text', name: UNTITLED_TEXT, start, end: trimEnd(prompt, start, firstStart), children: [] });
  }
  return [...sections, ...nest(prompt, found, 0, found.length, to)];
}

/** Headings [first, last) as a tree: each runs until the next heading of its level or higher. */
function nest(prompt: string, found: Heading[], first: number, last: number, to: number): PromptSection[] {
  const sections: PromptSection[] = [];
  let index = first;
  while (index < last) {
    const heading = found[index];
    let next = index + 1;
    while (next < last && found[next].level > heading.level) next++;
    const end = next < last ? found[next].start : to;
    sections.push({
      id: '',
      kind: 'heading',
      name: heading.name,
      start: heading.start,
      end: trimEnd(prompt, heading.start, end),
      children: nest(prompt, found, index + 1, next, end),
    });
    index = next;
  }
  return sections;
}

/** `end` moved back over trailing whitespace, never before `start`'s line. */
function trimEnd(prompt: string, start: number, end: number): number {
  let at = end;
  while (at > start + 1 && /\s/.test(prompt[at - 1])) at--;
  return at;
}

function numbered(sections: PromptSection[], prefix: string): PromptSection[] {
  return sections.map((section, index) => {
    const id = prefix ? `${prefix}.${index}` : String(index);
    return { ...section, id, children: numbered(section.children, id) };
  });
}

/** Every section, parents before their children. */
export function flattenSections(sections: PromptSection[]): PromptSection[] {
  const flat: PromptSection[] = [];
  const visit = (list: PromptSection[]) => {
    for (const section of list) {
      flat.push(section);
      visit(section.children);
    }
  };
  visit(sections);
  return flat;
}

/** How a section is named in a list: blocks as their tag. */
export function sectionLabel(section: Pick<PromptSection, 'kind' | 'name'>): string {
  return section.kind === 'block' ? `<${section.name}>` : section.name;
}

// --- tokens per section ---------------------------------------------------------------------------

/**
 * The prompt cut at every section boundary: counting each piece once and summing gives every
 * section's tokens without counting nested text twice.
 */
export function sectionPieces(prompt: string, sections: PromptSection[]): string[] {
  const cuts = boundaries(prompt, sections);
  const pieces: string[] = [];
  for (let index = 0; index + 1 < cuts.length; index++) pieces.push(prompt.slice(cuts[index], cuts[index + 1]));
  return pieces;
}

function boundaries(prompt: string, sections: PromptSection[]): number[] {
  const cuts = new Set([0, prompt.length]);
  for (const section of flattenSections(sections)) {
    cuts.add(section.start);
    cuts.add(section.end);
  }
  return [...cuts].sort((a, b) => a - b);
}

export interface SectionTokens {
  /** Tokens by section id. */
  bySection: Map<string, number>;
  /** The whole prompt's tokens: the reported prompt tokens when given, else the sum of the pieces. */
  total: number;
  /** True unless the server reported the prompt's tokens (sections are then that count, shared out by estimate). */
  estimated: boolean;
}

/**
 * Tokens per section from the tokens of each piece (`sectionPieces`, same order). When the server
 * reported the prompt's tokens, each section gets its estimated share of that figure.
 */
export function sectionTokens(
  prompt: string,
  sections: PromptSection[],
  pieceTokens: readonly number[],
  reportedPrompt: number | null = null,
): SectionTokens {
  const cuts = boundaries(prompt, sections);
  const estimatedTotal = pieceTokens.reduce((sum, count) => sum + count, 0);
  const scale = reportedPrompt !== null && estimatedTotal > 0 ? reportedPrompt / estimatedTotal : 1;
  const bySection = new Map<string, number>();
  for (const section of flattenSections(sections)) {
    let count = 0;
    for (let index = cuts.indexOf(section.start); index >= 0 && index + 1 < cuts.length && cuts[index] < section.end; index++) {
      count += pieceTokens[index] ?? 0;
    }
    bySection.set(section.id, Math.round(count * scale));
  }
  return { bySection, total: reportedPrompt ?? estimatedTotal, estimated: reportedPrompt === null };
}
