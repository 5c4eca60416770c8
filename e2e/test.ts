import { expect, test as base } from '@playwright/test';

// Every e2e test fails if the page throws or logs an error it did not expect: a broken page must
// never pass just because the asserted text happened to be there.
export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
      page.on('console', (message) => {
        // The browser logs failed HTTP responses itself; those are expected in error-state tests.
        if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) errors.push(message.text());
      });
      await use(errors);
      expect(errors, 'errors in the browser console').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

export const AGENT_REAL = 'agent-real';
export const AGENT_DOCS = 'agent-docs';
export const RUNS = {
  replyAction: '1c5cdbc6-775b-4964-80ec-04edf1fe72a6',
  modelError: 'ee6e5b97-d6e0-40a1-a0ba-059a87517009',
  simpleReply: '0fcaa7b8-9507-4e6a-b53c-fb2bee8b6fed',
  inProgress: 'f704a093-057e-458e-b1ed-724e55404c8d',
  documented: '550e8400-e29b-41d4-a716-446655440001',
  tokens: '7d1f3c2a-0b9e-4c51-9a43-2f6d8e1b5a10',
  actionError: 'dd3d79f8-d03c-4285-895d-dfe504141261',
  embeddingError: '3165fe21-9c28-41d4-b0fb-fb5bd54daa61',
  timeoutSearch: '4c8e2a6f-1d3b-4f5a-b7c9-8e0a2d4f6b18',
};
