import { describe, expect, it } from 'vitest';
import { alignSkeletons, runSteps, stepSkeleton } from './align-runs';
import { alignedItems, resolveStepId } from './compare-runs';
import { normalizeRun } from './normalize';

type Raw = { type: string; timestamp: number; data: Record<string, unknown> };

const events: Raw[] = [
  { type: 'RUN_STARTED', timestamp: 1, data: { messageId: 'm-1' } },
  { type: 'ACTION_STARTED', timestamp: 2, data: { actionId: 'a-1', actionName: 'REPLY' } },
  { type: 'MODEL_USED', timestamp: 3, data: { modelType: 'TEXT_LARGE', actionContext: { actionId: 'a-1' } } },
  { type: 'ACTION_COMPLETED', timestamp: 4, data: { actionId: 'a-1', actionName: 'REPLY', success: true } },
  { type: 'RUN_ENDED', timestamp: 5, data: { status: 'completed' } },
];

function items(a: Raw[], b: Raw[]) {
  const stepsA = runSteps(normalizeRun({ runId: 'a', status: 'completed', events: a }));
  const stepsB = runSteps(normalizeRun({ runId: 'b', status: 'completed', events: b }));
  return alignedItems(stepsA, stepsB, alignSkeletons(stepSkeleton(stepsA), stepSkeleton(stepsB)));
}

describe('aligned item ids', () => {
  it("are their events' ids, unique and safe in a URL as they are", () => {
    const list = items(events, events.slice(0, 4));
    expect(new Set(list.map((item) => item.id)).size).toBe(list.length);
    for (const item of list) {
      expect(item.id).toBe(`${item.a?.event.id ?? ''}.${item.b?.event.id ?? ''}`);
      expect(new URLSearchParams({ step: item.id }).toString()).toBe(`step=${item.id}`);
    }
  });

  it('keep naming the same step when a run gains an earlier step', () => {
    const before = items(events, events);
    const earlier = { type: 'MODEL_USED', timestamp: 0, data: { modelType: 'TEXT_SMALL' } };
    const after = items([earlier, ...events], events);
    const reply = (list: typeof before) => list.find((item) => item.a?.key === 'action:REPLY')!;
    expect(reply(after).id).toBe(reply(before).id);
    expect(reply(after).pair).not.toEqual(reply(before).pair);
  });

  it('resolve an old link (step indexes) to the item it named', () => {
    const list = items([{ type: 'MODEL_USED', timestamp: 0, data: { modelType: 'TEXT_SMALL' } }, ...events], events);
    const reply = list.find((item) => item.a?.key === 'action:REPLY')!;
    expect(resolveStepId(list, reply.pair.join(':'))).toBe(reply.id);
    const added = list.find((item) => item.b === null)!;
    expect(resolveStepId(list, `${added.pair[0]}:-1`)).toBe(added.id);
    expect(resolveStepId(list, reply.id)).toBe(reply.id);
    expect(resolveStepId(list, '99:99')).toBe('99:99');
  });
});
