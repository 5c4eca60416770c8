import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectErrors } from './run-errors';
import { FROM_ACTION_LOG } from './log-outcomes';
import type { LogRow } from './run-schemas';
import { InvalidRunError, normalizeRun } from './normalize';
import { applyRunContext, buildRunBundle, readRunBundle, RUN_BUNDLE_VIEWER, withTokenEstimates } from './run-bundle';
import { loadSample, sampleFiles } from './test-samples';

// Real responses captured from elizaOS 1.7.2 by compat/capture.ts.
const captured = (name: string) => JSON.parse(readFileSync(join(import.meta.dirname, '../../compat/captured', name), 'utf8'));
const logRows = (name: string): LogRow[] => captured(name).data;
const AGENT = 'b0aec2f9-fc2e-04c1-99b1-f50283740495';

function actionErrorBundle(withLog = true) {
  return buildRunBundle({
    response: captured('run-detail-action-error.json'),
    agent: { id: AGENT, name: 'Fakebot' },
    roomId: 'ae6fe7e5-1b0f-4c6b-a5d8-0fbf5c0f4d41',
    source: { kind: 'viewer', server: 'http://127.0.0.1:4173' },
    actionLog: withLog ? logRows('action-log-action-error.json') : null,
    savedAt: new Date('2026-12-01T10:00:00Z'),
  });
}

describe('run bundles', () => {
  it('keeps the response as sent and the context beside it, leaving out what the page did not have', () => {
    const bundle = actionErrorBundle();
    expect(bundle).toMatchObject({
      viewer: RUN_BUNDLE_VIEWER,
      version: 1,
      savedAt: '2026-12-01T10:00:00.000Z',
      agent: { id: AGENT, name: 'Fakebot' },
    });
    expect(bundle.response).toEqual(captured('run-detail-action-error.json'));
    expect(bundle.actionLog).toEqual({ success: true, data: logRows('action-log-action-error.json') });
    expect(Object.keys(bundle)).not.toContain('embeddingLog');
    expect(Object.keys(bundle)).not.toContain('memories');
  });

  it('reads back the same truth the live page shows: the failed action, the agent id and name', () => {
    const opened = readRunBundle(JSON.parse(JSON.stringify(actionErrorBundle())));
    const run = applyRunContext(opened.run, opened.context);
    const completed = run.events.find((event) => event.type === 'ACTION_COMPLETED')!;
    expect(completed).toMatchObject({
      failed: true,
      outcomeNote: FROM_ACTION_LOG,
      error: 'fake TEXT_LARGE failure inside REPLY (zzfailactionzz)',
    });
    expect(collectErrors(run).map((error) => error.message)).toContain('fake TEXT_LARGE failure inside REPLY (zzfailactionzz)');
    expect(run.agentId).toBe(AGENT);
    expect(opened.context).toMatchObject({ agentName: 'Fakebot', savedAt: '2026-12-01T10:00:00.000Z', source: { kind: 'viewer' } });
  });

  it('says an outcome is unverified when the bundle has no action log', () => {
    const opened = readRunBundle(actionErrorBundle(false));
    const run = applyRunContext(opened.run, opened.context);
    expect(run.events.find((event) => event.type === 'ACTION_COMPLETED')?.outcomeNote).toBe(
      "outcome unverified: it was saved without the agent's action log",
    );
  });

  it('explains failed embeddings from a saved embedding log', () => {
    const bundle = buildRunBundle({
      response: captured('run-detail-embedding-error.json'),
      agent: { id: AGENT },
      source: { kind: 'viewer' },
      embeddingLog: logRows('embedding-log-embedding-error.json'),
    });
    const opened = readRunBundle(bundle);
    const run = applyRunContext(opened.run, opened.context);
    expect(run.events.find((event) => event.type === 'EMBEDDING_EVENT')?.error).toBe('fake TEXT_EMBEDDING failure (zzfailembedzz)');
  });

  it.each(sampleFiles().filter((file) => file.includes('run-')))('reads the bare response %s as the normaliser does', (file) => {
    const json = loadSample(file);
    const opened = readRunBundle(json, AGENT);
    expect(opened.bundle).toBeNull();
    expect(opened.run).toEqual(normalizeRun(json, AGENT));
    expect(opened.response).toBe(json);
  });

  it.each(sampleFiles().filter((file) => file.includes('run-')))('reads a bundle of %s as the bare response', (file) => {
    const json = loadSample(file);
    const bundle = buildRunBundle({ response: json, agent: { id: AGENT }, source: { kind: 'file', name: file } });
    expect(readRunBundle(JSON.parse(JSON.stringify(bundle))).run).toEqual(normalizeRun(json, AGENT));
  });

  it('refuses damaged bundles with an InvalidRunError that says what is wrong', () => {
    const good = actionErrorBundle();
    const cases: [unknown, RegExp][] = [
      [{ ...good, version: 2 }, /version 2, made by a newer viewer/],
      [{ ...good, savedAt: 5 }, /savedAt/],
      [{ ...good, agent: 'x' }, /agent/],
      [{ ...good, response: { nope: true } }, /events|runId/],
      [{ ...good, actionLog: { data: 'x' } }, /actionLog is not a list of log rows/],
      [{ ...good, tokenEstimates: { tokenizer: 'cl100k_base', counts: [['e1', -1, 0]] } }, /not a whole number of tokens \(event e1\)/],
      [{ ...good, tokenEstimates: { tokenizer: 'cl100k_base', counts: [['e1', 1]] } }, /tokenEstimates/],
      [{ viewer: RUN_BUNDLE_VIEWER }, /run bundle/],
    ];
    for (const [input, message] of cases) {
      expect(() => readRunBundle(input)).toThrow(InvalidRunError);
      expect(() => readRunBundle(input)).toThrow(message);
    }
  });

  it("carries the token estimates a snapshot shows (it has no tokenizer), and ignores another tokenizer's", () => {
    const callId = readRunBundle(actionErrorBundle()).run.events[1].id;
    const estimates = new Map([
      [callId, { prompt: 120, completion: 7, total: 127 }],
      ['call-1|0', { prompt: 30, completion: 0, total: 30 }],
    ]);
    const bundle = withTokenEstimates(actionErrorBundle(), estimates);
    expect(bundle.tokenEstimates).toEqual({
      tokenizer: 'cl100k_base',
      counts: [
        [callId, 120, 7],
        ['call-1|0', 30, 0],
      ],
    });
    expect(readRunBundle(JSON.parse(JSON.stringify(bundle))).context.tokenEstimates).toEqual(estimates);
    expect(withTokenEstimates(actionErrorBundle(), new Map()).tokenEstimates).toBeUndefined();
    const other = { ...bundle, tokenEstimates: { tokenizer: 'o200k_base', counts: [[callId, 1, 1]] } };
    expect(readRunBundle(other).context.tokenEstimates).toBeNull();
  });
});
