import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { listValues, parseModelResponse } from './model-response';
import { normalizeRun } from './normalize';
import { loadSample } from './test-samples';

const run = normalizeRun(loadSample('elizaos-1.7.2/run-detail-reply-action-with-room.json'), 'agent');
const responses = run.events
  .map((event) => event.data.response)
  .filter((response): response is string => typeof response === 'string' && response !== '[array]');

describe('parseModelResponse on real elizaOS 1.7.2 responses', () => {
  it('reads the shouldRespond form into Name, Reasoning and Action', () => {
    expect(parseModelResponse(responses[0])).toEqual({
      kind: 'fields',
      note: null,
      fields: [
        { name: 'name', label: 'Name', value: 'Fakebot' },
        { name: 'reasoning', label: 'Reasoning', value: 'fake: always respond' },
        { name: 'action', label: 'Action', value: 'RESPOND' },
      ],
    });
  });

  it('reads the main handler form into Thought, Actions, Providers and Text', () => {
    const parsed = parseModelResponse(responses[1]);
    expect(parsed.kind).toBe('fields');
    if (parsed.kind !== 'fields') return;
    expect(parsed.fields.map((field) => [field.label, field.value])).toEqual([
      ['Thought', 'fake: use REPLY action with a provider'],
      ['Actions', 'REPLY'],
      ['Providers', 'FACTS'],
      ['Text', ''],
    ]);
  });
});

describe('parseModelResponse fallbacks', () => {
  it('keeps plain text as text, without a note', () => {
    expect(parseModelResponse('Hello there')).toEqual({ kind: 'text', text: 'Hello there', note: null });
  });

  it('falls back to the raw text with a note when the XML is cut off', () => {
    const cut = '<response><thought>half a thou';
    expect(parseModelResponse(cut)).toMatchObject({ kind: 'text', text: cut, note: expect.stringContaining('never closes') });
  });

  it('falls back with a note when <response> holds no fields', () => {
    expect(parseModelResponse('<response>just words</response>')).toMatchObject({
      kind: 'text',
      note: expect.stringContaining('no fields'),
    });
  });

  it('notes text written outside the block, and decodes entities', () => {
    const parsed = parseModelResponse('<think>hmm</think>\n```xml\n<response><text>a &lt;b&gt; &amp; c</text></response>\n```');
    expect(parsed).toMatchObject({
      kind: 'fields',
      note: expect.stringContaining('outside'),
      fields: [{ label: 'Text', value: 'a <b> & c' }],
    });
  });

  it('labels unknown fields from their names', () => {
    const parsed = parseModelResponse('<response><nextStep>x</nextStep><tool_name>y</tool_name></response>');
    expect(parsed.kind === 'fields' && parsed.fields.map((field) => field.label)).toEqual(['Next Step', 'Tool name']);
  });

  it('splits list fields', () => {
    expect(listValues(' REPLY, FACTS ,,')).toEqual(['REPLY', 'FACTS']);
  });
});

const tag = fc.constantFrom(
  'thought',
  'actions',
  'providers',
  'text',
  'reasoning',
  'name',
  'action',
  'facts',
  'x-y',
  'constructor',
  '__proto__',
);
const safeValue = fc.string({ maxLength: 40 }).filter((value) => !/[<>&]/.test(value));

describe('parseModelResponse properties', { timeout: 60_000 }, () => {
  it('never throws on any text, and always says what it shows', () => {
    const fragments = fc.constantFrom(
      '<response>',
      '</response>',
      '<thought>',
      '</thought>',
      '<text>',
      '</text>',
      '<a/>',
      '&amp;',
      '```',
      '<',
      '>',
    );
    const text = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.array(fc.oneof(fragments, fc.string({ maxLength: 10 })), { maxLength: 30 }).map((parts) => parts.join('')),
    );
    fc.assert(
      fc.property(text, (value) => {
        const parsed = parseModelResponse(value);
        if (parsed.kind === 'text') expect(parsed.text).toBe(value);
        else expect(parsed.fields.length).toBeGreaterThan(0);
      }),
      { numRuns: 3000 },
    );
  });

  it('reads back every field of a well-formed response, in order', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(tag, safeValue), { minLength: 1, maxLength: 6 }), (fields) => {
        const xml = `<response>${fields.map(([name, value]) => `<${name}>${value}</${name}>`).join('\n')}</response>`;
        const parsed = parseModelResponse(xml);
        expect(parsed.kind).toBe('fields');
        if (parsed.kind !== 'fields') return;
        expect(parsed.fields.map((field) => [field.name, field.value])).toEqual(fields.map(([name, value]) => [name, value.trim()]));
        for (const field of parsed.fields) expect(typeof field.label).toBe('string');
      }),
      { numRuns: 2000 },
    );
  });
});
