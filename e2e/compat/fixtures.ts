import type { Locator, Page } from '@playwright/test';
import type { RunDetail } from '../../compat/eliza-api';
import { test as base } from '../test';
import { readCompatEnv, type CompatEnv } from './compat-env';

export { expect } from '../test';

/** The console-error fixture of ../test, plus the servers and runs made by the global setup. */
export const test = base.extend<object, { compat: CompatEnv }>({
  compat: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring pattern
    async ({}, use) => use(readCompatEnv()),
    { scope: 'worker' },
  ],
});

export type RunEvent = RunDetail['events'][number];

export function runUrl(viewer: string, agentId: string, runId: string, roomId?: string): string {
  const path = `${viewer}/agents/${agentId}/runs/${runId}`;
  return roomId ? `${path}?roomId=${roomId}` : path;
}

/** A page, or a frame's body (the viewer inside elizaOS's web client). */
type Scope = Pick<Page, 'getByRole'>;

export function runSummary(page: Scope): Locator {
  return page.getByRole('region', { name: 'Run summary' });
}

/** The <dd> of a summary field, found by its <dt>. */
export function field(summary: Locator, label: string): Locator {
  return summary
    .getByRole('term')
    .filter({ hasText: new RegExp(`^${label}$`) })
    .locator('+ dd');
}

export function timelineItems(page: Scope): Locator {
  return page.getByRole('list', { name: 'Event timeline' }).getByRole('listitem');
}

/** What a person reads first on each timeline item (its kind label), and how deep it is nested. */
export async function readTimeline(items: Locator): Promise<{ label: string; depth: string | null }[]> {
  return items.evaluateAll((elements) =>
    elements.map((element) => {
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      let label = '';
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.parentElement?.closest('[aria-hidden="true"]')) continue;
        const text = node.textContent?.trim();
        if (text) {
          label = text;
          break;
        }
      }
      return { label, depth: element.getAttribute('data-depth') };
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// What the page should show, worked out here from the events the real server returned.

export function countEvents(events: RunEvent[]) {
  const count = (type: string) => events.filter((event) => event.type === type).length;
  return {
    events: events.length,
    actions: count('ACTION_STARTED') || count('ACTION_COMPLETED'),
    modelCalls: count('MODEL_USED'),
    evaluators: count('EVALUATOR_COMPLETED'),
  };
}

const KIND_BY_TYPE: Record<string, string> = {
  RUN_STARTED: 'run',
  RUN_ENDED: 'run',
  ACTION_STARTED: 'action',
  ACTION_COMPLETED: 'action',
  MODEL_USED: 'model',
  EVALUATOR_STARTED: 'evaluator',
  EVALUATOR_COMPLETED: 'evaluator',
  EMBEDDING_EVENT: 'embedding',
};

const actionIdOf = (event: RunEvent): string | undefined => {
  if (event.type === 'MODEL_USED') {
    const context = event.data.actionContext as { actionId?: string } | undefined;
    return context?.actionId;
  }
  return event.type === 'ACTION_COMPLETED' ? (event.data.actionId as string | undefined) : undefined;
};

/**
 * The timeline rows the page must show: one per event, in time order, with the model calls made
 * inside an action and that action's ACTION_COMPLETED nested (depth 1) right after its
 * ACTION_STARTED. `failedActionIds`: actions whose real outcome (in the action log) is a failure.
 */
export function expectedTimeline(events: RunEvent[], failedActionIds: ReadonlySet<string> = new Set()) {
  const startedActions = new Set(events.filter((event) => event.type === 'ACTION_STARTED').map((event) => String(event.data.actionId)));
  const children = new Map<string, RunEvent[]>();
  const topLevel: RunEvent[] = [];
  for (const event of events) {
    const parent = actionIdOf(event);
    if (parent && startedActions.has(parent)) children.set(parent, [...(children.get(parent) ?? []), event]);
    else topLevel.push(event);
  }
  const row = (event: RunEvent, depth: string) => ({ label: kindLabel(event, failedActionIds), depth, type: event.type });
  return topLevel.flatMap((event) => [
    row(event, '0'),
    ...(event.type === 'ACTION_STARTED' ? (children.get(String(event.data.actionId)) ?? []) : []).map((child) => row(child, '1')),
  ]);
}

function kindLabel(event: RunEvent, failedActionIds: ReadonlySet<string>): string {
  const kind = KIND_BY_TYPE[event.type] ?? 'unknown';
  const failed =
    (event.type === 'RUN_ENDED' && typeof event.data.error === 'string' && event.data.error !== '') ||
    (event.type === 'EMBEDDING_EVENT' && event.data.status === 'failed') ||
    (event.type === 'ACTION_COMPLETED' && failedActionIds.has(String(event.data.actionId)));
  return failed ? `${kind} · failed` : kind;
}
