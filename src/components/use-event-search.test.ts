import { describe, expect, it } from 'vitest';
import { shownSearch } from './use-event-search';

describe('shownSearch', () => {
  const published = { key: 'rep', matches: new Set(['a', 'b']), progress: 1, running: false };

  it('shows nothing searched without a query', () => {
    expect(shownSearch(published, '')).toEqual({ matches: null, progress: 1, running: false });
  });

  it('shows the published search for its own query', () => {
    expect(shownSearch(published, 'rep')).toBe(published);
  });

  it('keeps the previous matches, the same set, while a new query has found nothing yet', () => {
    const shown = shownSearch(published, 'repl');
    expect(shown.matches).toBe(published.matches);
    expect(shown).toMatchObject({ progress: 0, running: true });
  });

  it('starts from no matches, one shared empty set, when nothing was searched before', () => {
    const none = { key: '', matches: null, progress: 1, running: false };
    const first = shownSearch(none, 'rep');
    expect(first.matches?.size).toBe(0);
    expect(shownSearch(none, 'rep').matches).toBe(first.matches);
  });
});
