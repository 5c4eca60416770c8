import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { promptText } from './align-runs';
import { normalizeRun } from './normalize';
import { diffPromptSections, promptPieces } from './prompt-diff';

const FIXTURES = join(import.meta.dirname, '../../e2e/fixtures/runs/agent-compare');
const handlerPrompt = (file: string) => {
  const run = normalizeRun(JSON.parse(readFileSync(join(FIXTURES, file), 'utf8')));
  const call = run.events.find((event) => event.model?.modelType === 'TEXT_LARGE');
  if (!call) throw new Error('no TEXT_LARGE call');
  return promptText(call);
};

describe('diffPromptSections', () => {
  const before = handlerPrompt('reply-succeeds.json');
  const after = handlerPrompt('reply-fails.json');

  it('finds the one section that changed, by its place in the prompt', () => {
    const changes = diffPromptSections(before, after);
    expect(changes?.filter((change) => change.change !== 'same').map((change) => change.label)).toEqual([
      '<providers> › Conversation Messages',
    ]);
    expect(changes?.map((change) => change.label)).toContain('<task>');
  });

  it('says how much a section grew', () => {
    const grown = after.replace('# About Fakebot\n', `# About Fakebot\n${'word '.repeat(720)}\n`);
    const changes = diffPromptSections(before, grown) ?? [];
    const about = changes.find((change) => change.label === '<providers> › About Fakebot');
    expect(about?.change).toBe('changed');
    expect(about?.tokenDelta).toBe(900);
  });

  it('gives null for prompts without sections', () => {
    expect(diffPromptSections('just text', 'other text')).toBeNull();
  });

  it('cuts any prompt into pieces that rebuild it exactly', () => {
    const part = fc.constantFrom(
      '<task>do it</task>',
      '<providers>\n# A\nx\n## B\ny\n</providers>',
      '# Heading\n',
      'plain text\n',
      '\n',
      '<x>',
      '</y>',
    );
    fc.assert(
      fc.property(fc.array(part, { maxLength: 12 }), (parts) => {
        const prompt = parts.join('\n');
        expect(
          promptPieces(prompt)
            .map((piece) => piece.text)
            .join(''),
        ).toBe(prompt);
      }),
      { numRuns: 300 },
    );
  });
});
