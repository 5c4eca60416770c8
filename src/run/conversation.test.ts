import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildConversation, readMemories, type ConversationMessage } from './conversation';
import type { Run } from './model';
import { normalizeRun } from './normalize';
import { loadSample } from './test-samples';

const AGENT = 'b0aec2f9-fc2e-04c1-99b1-f50283740495';
const run = normalizeRun(loadSample('elizaos-1.7.2/run-detail-reply-action-with-room.json'), AGENT);
const memoriesJson = loadSample('elizaos-1.7.2/memories-room-of-reply-action.json');

describe('the conversation of a real elizaOS 1.7.2 run', () => {
  const memories = readMemories(memoriesJson) ?? [];

  it('reads every memory of the response', () => {
    expect(memories.map((memory) => memory.id)).toEqual([
      '73821474-d944-4a23-a264-0a9aa199b4b5',
      '95b55fd0-b186-498a-b7a7-83b7d574885c',
      '81c5e0c9-0e75-0049-a228-e945e9b39879',
    ]);
  });

  it('finds the message that started the run, with its sender and text', () => {
    const conversation = buildConversation(run, memories);
    expect(conversation.state).toBe('found');
    if (conversation.state !== 'found') return;
    expect(conversation.trigger).toMatchObject({
      senderName: 'tester',
      text: 'Fakebot please zzactionszz',
      fromAgent: false,
      source: 'eliza_gui',
    });
    expect(conversation.note).toBeNull();
  });

  it('finds the agent’s reply and the REPLY action’s result, in time order', () => {
    const conversation = buildConversation(run, memories);
    if (conversation.state !== 'found') throw new Error('expected a conversation');
    expect(conversation.replies.map((reply) => [reply.text, reply.thought, reply.actions, reply.actionResult])).toEqual([
      ['Reply-action text from the fake model (call 5).', 'fake: reply action', ['REPLY'], null],
      [
        'Generated reply: Reply-action text from the fake model (call 5).',
        null,
        [],
        { actionName: 'REPLY', status: 'completed', success: true },
      ],
    ]);
  });

  it('leaves out the agent’s memories from before the run', () => {
    const older = { ...memories[1], id: 'older', createdAt: (run.startedAt ?? 0) - 1 };
    const conversation = buildConversation(run, [...memories, older]);
    expect(conversation.state === 'found' && conversation.replies.map((reply) => reply.id)).not.toContain('older');
  });

  it('says so when the trigger is not among the memories', () => {
    const conversation = buildConversation(run, memories.slice(0, 2));
    expect(conversation).toMatchObject({ state: 'found', trigger: null, note: expect.stringContaining('not among') });
  });

  it('explains why a documented-shape run has no conversation', () => {
    const documented = normalizeRun(loadSample('documented/run-documented-example.json'));
    expect(buildConversation(documented, memories)).toMatchObject({ state: 'unavailable', reason: expect.stringContaining('documented') });
  });

  it('does not read a body that holds no memories list', () => {
    expect(readMemories({ success: true, data: {} })).toBeNull();
    expect(readMemories('nope')).toBeNull();
    expect(readMemories([{ id: 1 }, null, { id: 'm' }])?.map((memory) => memory.id)).toEqual(['m']);
  });
});

describe('buildConversation properties', { timeout: 60_000 }, () => {
  const memory = fc.record({
    id: fc.oneof(fc.uuid(), fc.constant(run.messageId ?? '')),
    entityId: fc.oneof(fc.constant(AGENT), fc.uuid(), fc.constant(null), fc.integer()),
    agentId: fc.oneof(fc.constant(AGENT), fc.constant(undefined)),
    createdAt: fc.oneof(fc.integer({ min: (run.startedAt ?? 0) - 1000, max: (run.endedAt ?? 0) + 1000 }), fc.string(), fc.constant(null)),
    content: fc.oneof(
      fc.record({ text: fc.oneof(fc.string(), fc.integer()), actions: fc.oneof(fc.array(fc.string()), fc.string()) }),
      fc.anything(),
    ),
    metadata: fc.anything(),
  });
  const runs: Run[] = [run, { ...run, endedAt: null }, { ...run, messageId: null }, { ...run, startedAt: null }];

  it('never throws; replies are the agent’s, within the run, in time order', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(memory, fc.anything()), { maxLength: 12 }), fc.constantFrom(...runs), (list, target) => {
        const memories = readMemories({ success: true, data: { memories: list } }) ?? [];
        const conversation = buildConversation(target, memories);
        if (conversation.state !== 'found') return;
        const times = conversation.replies.map((reply: ConversationMessage) => reply.createdAt ?? NaN);
        expect(times).toEqual([...times].sort((a, b) => a - b));
        for (const reply of conversation.replies) {
          expect(reply.fromAgent || reply.entityId === AGENT).toBe(true);
          expect(reply.createdAt).toBeGreaterThanOrEqual(target.startedAt ?? conversation.trigger?.createdAt ?? -Infinity);
          expect(reply).not.toBe(conversation.trigger);
        }
      }),
      { numRuns: 500 },
    );
  });
});
