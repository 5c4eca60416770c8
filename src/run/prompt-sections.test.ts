import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeRun } from './normalize';
import { flattenSections, sectionLabel, sectionPieces, sectionTokens, splitPrompt, type PromptSection } from './prompt-sections';
import { loadSample } from './test-samples';

const run = normalizeRun(loadSample('elizaos-1.7.2/run-detail-reply-action-with-room.json'), 'agent');
const prompts = run.events.map((event) => event.data.prompt).filter((prompt): prompt is string => typeof prompt === 'string');
const [shouldRespond, mainHandler, replyAction] = prompts;

function outline(sections: PromptSection[]): string[] {
  return flattenSections(sections).map((section) => `${'  '.repeat(section.id.split('.').length - 1)}${sectionLabel(section)}`);
}

describe('splitPrompt on real elizaOS 1.7.2 prompts', () => {
  it('finds the blocks of the main handler prompt and the provider headings inside <providers>', () => {
    expect(outline(splitPrompt(mainHandler))).toEqual([
      '<task>',
      '<providers>',
      '  Available Actions',
      '  Action Examples',
      '  You are roleplaying as a character, but as an AI model, you are too verbose and eager.',
      '  Providers',
      '  About Fakebot',
      '  Conversation Messages',
      '  Received Message',
      '  Focus your response',
      '<instructions>',
      '<keys>',
      '<output>',
    ]);
  });

  it('does not take the example <response> inside <output> or "<think>" in a sentence for sections', () => {
    const names = flattenSections(splitPrompt(shouldRespond)).map((section) => section.name);
    expect(names).not.toContain('response');
    expect(names).not.toContain('think');
    expect(names.slice(0, 2)).toEqual(['task', 'providers']);
  });

  it('gives offsets that point at each section in the text', () => {
    for (const section of flattenSections(splitPrompt(mainHandler))) {
      const text = mainHandler.slice(section.start, section.end);
      if (section.kind === 'block') {
        expect(text.startsWith(`<${section.name}>`)).toBe(true);
        expect(text.endsWith(`</${section.name}>`)).toBe(true);
      } else {
        expect(text.startsWith(`# ${section.name}`)).toBe(true);
      }
    }
  });

  it('splits a markdown-only prompt (the REPLY action) by its headings', () => {
    const names = splitPrompt(replyAction).map((section) => section.name);
    expect(names[0]).toBe('Task: Generate dialog for the character Fakebot.');
    expect(names).toContain('Available Actions');
    expect(names).toContain('Conversation Messages');
  });

  it('makes a prompt without sections one section', () => {
    expect(splitPrompt('Say hello to the user.')).toEqual([
      { id: '0', kind: 'whole', name: 'Whole prompt', start: 0, end: 22, children: [] },
    ]);
    expect(splitPrompt('')).toHaveLength(1);
  });

  it('nests headings by level and ignores headings in code fences', () => {
    const prompt = '# A\ntext\n## B\nmore\n```\n# not a heading\n```\n### C\n# D\n';
    expect(outline(splitPrompt(prompt))).toEqual(['A', '  B', '    C', 'D']);
  });

  it('keeps untitled text before the first heading as a section', () => {
    expect(outline(splitPrompt('intro line\n<task>do it</task>'))).toEqual(['Text outside any section', '<task>']);
  });
});

describe('sectionTokens', () => {
  it('sums pieces into sections so a parent holds its children', () => {
    const sections = splitPrompt(mainHandler);
    const pieces = sectionPieces(mainHandler, sections);
    expect(pieces.join('')).toBe(mainHandler);
    const tokens = sectionTokens(
      mainHandler,
      sections,
      pieces.map((piece) => piece.length),
    );
    expect(tokens.total).toBe(mainHandler.length);
    expect(tokens.estimated).toBe(true);
    const providers = sections[1];
    const childSum = providers.children.reduce((sum, child) => sum + (tokens.bySection.get(child.id) ?? 0), 0);
    expect(tokens.bySection.get(providers.id)).toBeGreaterThan(childSum);
    expect(tokens.bySection.get(providers.id)).toBe(providers.end - providers.start);
  });

  it('shares a reported prompt count out by the estimate', () => {
    const prompt = '<a>xxxx</a>\n<b>xxxxxxxxxxxx</b>';
    const sections = splitPrompt(prompt);
    const tokens = sectionTokens(
      prompt,
      sections,
      sectionPieces(prompt, sections).map((piece) => piece.length),
      100,
    );
    expect(tokens).toMatchObject({ total: 100, estimated: false });
    // 31 characters: 11 in <a>, 19 in <b>, one newline between them.
    expect([tokens.bySection.get('0'), tokens.bySection.get('1')]).toEqual([35, 61]);
  });
});

// --- properties ------------------------------------------------------------------------------------

const promptText = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc
    .array(
      fc.oneof(
        fc.constantFrom(
          '<task>',
          '</task>',
          '<providers>',
          '</providers>',
          '<output>',
          '</output>',
          '<a>',
          '</a>',
          '\n',
          '\n\n',
          '```\n',
          '  ',
        ),
        fc.constantFrom('# Available Actions\n', '## Sub\n', '### Deep\n', '#\n', '# \n', 'text ', 'x'),
        fc.string({ maxLength: 20 }),
      ),
      { maxLength: 40 },
    )
    .map((parts) => parts.join('')),
  fc.constantFrom(...prompts),
);

function checkTree(sections: PromptSection[], from: number, to: number) {
  let last = from;
  for (const section of sections) {
    expect(section.start).toBeGreaterThanOrEqual(last);
    expect(section.end).toBeGreaterThan(section.start);
    expect(section.end).toBeLessThanOrEqual(to);
    checkTree(section.children, section.start, section.end);
    last = section.end;
  }
}

describe('splitPrompt properties', { timeout: 60_000 }, () => {
  it('never throws and returns ordered, nested, non-overlapping sections within the prompt', () => {
    fc.assert(
      fc.property(promptText, (prompt) => {
        const sections = splitPrompt(prompt);
        expect(sections.length).toBeGreaterThan(0);
        if (prompt.length > 0) checkTree(sections, 0, prompt.length);
        const ids = flattenSections(sections).map((section) => section.id);
        expect(new Set(ids).size).toBe(ids.length);
      }),
      { numRuns: 1500 },
    );
  });

  it('puts every non-blank character of the prompt inside a top-level section', () => {
    fc.assert(
      fc.property(promptText, (prompt) => {
        let outside = '';
        let last = 0;
        for (const section of splitPrompt(prompt)) {
          outside += prompt.slice(last, section.start);
          last = section.end;
        }
        outside += prompt.slice(last);
        expect(outside.trim()).toBe('');
      }),
      { numRuns: 500 },
    );
  });

  it('cuts the prompt into pieces that rebuild it, and no section counts more than the prompt', () => {
    fc.assert(
      fc.property(promptText, (prompt) => {
        const sections = splitPrompt(prompt);
        const pieces = sectionPieces(prompt, sections);
        expect(pieces.join('')).toBe(prompt);
        const tokens = sectionTokens(
          prompt,
          sections,
          pieces.map((piece) => piece.length),
        );
        for (const section of flattenSections(sections)) {
          expect(tokens.bySection.get(section.id)).toBe(section.end - section.start);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
