import { describe, expect, it } from 'vitest';
import { withParams } from '../lib/search-params';
import { timelineParams, toggleKind } from './timeline-view';

describe('timeline view in the URL', () => {
  it('writes a change back, dropping parameters that say nothing and keeping the others', () => {
    const current = new URLSearchParams('roomId=r1&kind=model&errors=1&q=x');
    const next = withParams(
      current,
      timelineParams({ kinds: new Set(), errorsOnly: false, query: 'hello world', eventId: 'e3', timeMode: 'utc' }),
    );
    expect(next.toString()).toBe('roomId=r1&q=hello+world&event=e3');
    expect(current.toString()).toBe('roomId=r1&kind=model&errors=1&q=x');
  });

  it('writes kinds in the order they were chosen, and only what changed', () => {
    expect(timelineParams({ kinds: new Set(['model', 'action']) })).toEqual({ kind: 'model,action' });
    expect(timelineParams({ errorsOnly: true })).toEqual({ errors: '1' });
    expect(timelineParams({ timeMode: 'local' })).toEqual({});
  });

  it('toggles a kind on and off', () => {
    expect([...toggleKind(new Set(['model']), 'action')]).toEqual(['model', 'action']);
    expect([...toggleKind(new Set(['model', 'action']), 'model')]).toEqual(['action']);
  });
});
