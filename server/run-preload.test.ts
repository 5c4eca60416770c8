import { describe, expect, it } from 'vitest';
import { compareCodeOf, runPreloadLink } from './run-preload';

const link = (api: string) => `<${api}>; rel=preload; as=fetch; crossorigin=anonymous`;

describe('runPreloadLink', () => {
  it('preloads the run of a run page, with its room', () => {
    expect(runPreloadLink('/agents/a-1/runs/r-1', '')).toBe(link('/api/agents/a-1/runs/r-1'));
    expect(runPreloadLink('/agents/a-1/runs/r-1/', 'roomId=room_2&event=e3')).toBe(link('/api/agents/a-1/runs/r-1?roomId=room_2'));
  });

  it('preloads both runs of a comparison, each with its own agent and room, and the same run once', () => {
    expect(runPreloadLink('/agents/a-1/compare', 'a=r-1&b=other:r-2&roomB=room_9&step=s4')).toBe(
      `${link('/api/agents/a-1/runs/r-1')}, ${link('/api/agents/other/runs/r-2?roomId=room_9')}`,
    );
    expect(runPreloadLink('/agents/a-1/compare', 'a=r-1&b=r-1')).toBe(link('/api/agents/a-1/runs/r-1'));
  });

  it("fetches a comparison's own scripts with its runs, and only a comparison's", () => {
    const code = () =>
      compareCodeOf(['index-a1.js', 'compare-page-Dg_w7-u.js', 'compare-view-B1.js', 'file-compare-page-C2.js', 'compare-view-B1.js.map']);
    expect(runPreloadLink('/agents/a-1/compare', 'a=r-1&b=r-2', code)).toBe(
      [
        link('/api/agents/a-1/runs/r-1'),
        link('/api/agents/a-1/runs/r-2'),
        '</assets/compare-page-Dg_w7-u.js>; rel=modulepreload; crossorigin',
        '</assets/compare-view-B1.js>; rel=modulepreload; crossorigin',
      ].join(', '),
    );
    expect(runPreloadLink('/agents/a-1/runs/r-1', '', code)).toBe(link('/api/agents/a-1/runs/r-1'));
    expect(runPreloadLink('/agents/a-1/compare', 'a=r-1', code)).toBeNull();
  });

  it('preloads nothing for a link the page will call malformed, or any other page', () => {
    for (const [path, query] of [
      ['/agents/a%2F1/runs/r-1', ''],
      ['/agents/a-1/runs/r-1', 'roomId=x%3Cy'],
      ['/agents/a-1/compare', 'a=r-1'],
      ['/agents/a-1/compare', 'a=r-1&b=x:y:z'],
      ['/agents/a-1/compare', 'a=r-1&b=r-2&roomA=..%2F'],
      ['/agents/a-1/runs', ''],
      ['/', ''],
      ['/file', ''],
    ])
      expect(runPreloadLink(path, query), `${path}?${query}`).toBeNull();
  });
});
