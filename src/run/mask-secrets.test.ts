import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskRunBundle } from './mask-bundle';
import { maskJson, maskText } from './mask-secrets';
import { buildRunBundle, readRunBundle } from './run-bundle';
import { loadSample, sampleFiles } from './test-samples';

const FIXTURE = join(import.meta.dirname, '../../e2e/fixtures/runs/agent-secrets');
const fixtureRun = () => JSON.parse(readFileSync(join(FIXTURE, 'run-with-secrets.json'), 'utf8'));

/** Each default rule: a fake secret in context, and the masked text expected in its place. */
const CASES: [rule: string, input: string, expected: string][] = [
  ['openai-api-key', 'key sk-proj-FAKEa1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6q7r8s9 here', 'key sk-proj-…(50 chars) here'],
  ['openai-api-key', '"sk-FAKE0123456789abcdefghij"', '"sk-…(27 chars)"'],
  ['anthropic-api-key', 'sk-ant-api03-FAKE0123456789abcdefghijABCDEFGHIJ', 'sk-ant-…(47 chars)'],
  ['gcp-api-key', 'k=AIzaSyFAKE0123456789abcdefghijklmnopqrs;', 'k=AIza…(39 chars);'],
  ['github-token', 'ghp_FAKE0123456789abcdefghijklmnopqrstuv', 'ghp_…(40 chars)'],
  ['github-token', 'github_pat_11FAKE0123456789abcdefghijklmnop', 'github_pat_…(43 chars)'],
  ['slack-token', 'xoxb-1234567890-1234567890123-FAKEabcdefghijklmnop', 'xoxb-…(50 chars)'],
  ['aws-access-key', 'id AKIAFAKE2345677ABCDE.', 'id AKIA…(20 chars).'],
  ['jwt', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJmYWtlLXVzZXIifQ.FAKEsignature0123456789', 'eyJ…(71 chars)'],
  ['bearer-token', 'Authorization: Bearer FAKEbearer0123456789abcdef', 'Authorization: Bearer …(26 chars)'],
  ['secret-assignment', 'DISCORD_TOKEN=mfa.FAKEdiscordtokenvalue123', 'DISCORD_TOKEN=…(28 chars)'],
  ['secret-assignment', 'export MY_SERVICE_SECRET="hunter2hunter2"', 'export MY_SERVICE_SECRET="…(14 chars)"'],
  ['secret-assignment', '"OPENROUTER_API_KEY": "or-v1-abcdef123456"', '"OPENROUTER_API_KEY": "…(18 chars)"'],
  [
    'private-key',
    '-----BEGIN RSA PRIVATE KEY-----\nMIIEFAKEowIBAAKCAQEAfakefakefakefakefakefakefakefakefakefakefakefakefake0123456789\n-----END RSA PRIVATE KEY-----',
    '-----BEGIN RSA PRIVATE KEY-----…(144 chars)',
  ],
];

describe('masking each default rule', () => {
  it.each(CASES)('%s: %s', (rule, input, expected) => {
    const { text, findings } = maskText(input);
    expect(text).toBe(expected);
    expect(findings.map((finding) => finding.rule)).toEqual([rule]);
  });

  it('an OpenAI key in an assignment is masked once, by the OpenAI rule, keeping its prefix', () => {
    expect(maskText('OPENAI_API_KEY=sk-proj-FAKEa1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6q7r8s9').text).toBe('OPENAI_API_KEY=sk-proj-…(50 chars)');
  });

  it('masks the words the user typed, case-insensitively, and says so', () => {
    const { text, findings } = maskText('Ask Jane.Doe@example.com or jane.doe@EXAMPLE.com', { words: ['jane.doe@example.com', ' '] });
    expect(text).toBe('Ask …(20 chars) or …(20 chars)');
    expect(findings).toHaveLength(2);
    expect(findings[0].rule).toBe('your-words');
  });

  it('masks every kind of secret in the fixture run, and keeps its structure', () => {
    const run = fixtureRun();
    const { value, findings } = maskJson(run);
    const rules = new Set(findings.map((finding) => finding.rule));
    for (const [rule] of CASES) expect(rules).toContain(rule);
    const text = JSON.stringify(value);
    for (const secret of [
      'FAKEa1b2c3',
      'FAKE0123456789abcdefghijABC',
      'SyFAKE',
      'ghp_FAKE',
      'xoxb-1234567890',
      'AKIAFAKE',
      'mfa.FAKE',
      'FAKEbearer',
      'FAKEsignature',
      'MIIEFAKE',
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(readRunBundle(value).run.events.map((event) => [event.id, event.type, event.timestamp])).toEqual(
      readRunBundle(run).run.events.map((event) => [event.id, event.type, event.timestamp]),
    );
  });
});

describe('no false positives', () => {
  it.each(sampleFiles())('leaves the captured sample %s unchanged', (file) => {
    const sample = loadSample(file);
    expect(maskJson(sample)).toEqual({ value: sample, findings: [] });
  });

  const ordinary = [
    '550e8400-e29b-41d4-a716-446655440000',
    'da39a3ee5e6b4b0d3255bfef95601890afd80709',
    'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    'The task-scheduler risk-assessment for sk-learn pipelines is done.',
    'Bearer tokens are required for authentication here',
    'max_tokens: 100, temperature: 0.7',
    'ey this is just text. ey there. again',
  ];
  it.each(ordinary)('leaves %s', (text) => {
    expect(maskText(text)).toEqual({ text, findings: [] });
  });

  it('never touches UUIDs, hex hashes, base64 images or ordinary words', () => {
    const hex = fc.uint8Array({ minLength: 16, maxLength: 64 }).map((bytes) => Buffer.from(bytes).toString('hex'));
    const image = fc
      .uint8Array({ minLength: 1, maxLength: 3000 })
      .map((bytes) => `data:image/png;base64,${Buffer.from(bytes).toString('base64')}`);
    const words = fc.array(fc.stringMatching(/^[a-z]{1,12}$/), { maxLength: 30 }).map((list) => list.join(' '));
    fc.assert(
      fc.property(fc.oneof(fc.uuid(), hex, image, words), (text) => {
        expect(maskText(text)).toEqual({ text, findings: [] });
      }),
      { numRuns: 1000 },
    );
  });
});

const secretText = fc
  .array(
    fc.oneof(
      fc.constantFrom(...CASES.map(([, input]) => input)),
      fc.string({ maxLength: 20 }),
      fc.constantFrom(' ', '\n', '"', '=', 'chars', '…', '(12 chars)'),
    ),
    {
      maxLength: 12,
    },
  )
  .map((parts) => parts.join(''));
const userWords = fc.array(
  fc.oneof(fc.string({ minLength: 0, maxLength: 6 }), fc.constantFrom('chars', 'sk', 'proj', 'FAKE', '…(', 'Bearer')),
  { maxLength: 4 },
);

describe('masking properties', () => {
  it('is idempotent: masking masked text changes nothing and finds nothing', () => {
    fc.assert(
      fc.property(secretText, userWords, (text, words) => {
        const once = maskText(text, { words }).text;
        expect(maskText(once, { words })).toEqual({ text: once, findings: [] });
      }),
      { numRuns: 2000 },
    );
  });

  it('never changes the structure: keys, numbers, booleans, nulls, lengths, ids', () => {
    const leaf = fc.oneof(fc.uuid(), secretText, fc.double(), fc.integer(), fc.boolean(), fc.constant(null));
    const json = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        leaf,
        fc.array(tie('node'), { maxLength: 4 }),
        fc.dictionary(fc.constantFrom('id', 'roomId', 'prompt', 'apiKey', 'text', 'count'), tie('node'), { maxKeys: 4 }),
      ),
    })).node;
    fc.assert(
      fc.property(json, userWords, (value, words) => {
        expect(shape(maskJson(value, { words }).value)).toEqual(shape(value));
      }),
      { numRuns: 500 },
    );
  });

  it('keeps every sample run exactly as readable: same events, ids, times and counts', () => {
    for (const file of sampleFiles().filter((name) => name.includes('run-'))) {
      const bundle = buildRunBundle({ response: loadSample(file), agent: { id: 'a' }, source: { kind: 'file' } });
      const masked = maskRunBundle(bundle, { words: ['the', 'Eliza'] }).bundle;
      const before = readRunBundle(bundle).run;
      const after = readRunBundle(masked).run;
      expect(after.events.map((event) => [event.id, event.type, event.timestamp, event.actionId, event.failed])).toEqual(
        before.events.map((event) => [event.id, event.type, event.timestamp, event.actionId, event.failed]),
      );
      expect({ ...after, events: null }).toEqual({ ...before, events: null });
    }
  });
});

/** Everything but the text of strings that are not ids. */
function shape(value: unknown, key = ''): unknown {
  if (typeof value === 'string') return key === 'id' || key.endsWith('Id') || /^[0-9a-f]{8}-/.test(value) ? value : 'string';
  if (Array.isArray(value)) return value.map((item) => shape(item, key));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([name, child]) => [name, shape(child, name)]));
  return value;
}
