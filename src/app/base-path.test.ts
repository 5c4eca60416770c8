import { describe, expect, it } from 'vitest';
import { basePathOf } from './base-path';

describe('basePathOf', () => {
  it('is the folder above the bundle', () => {
    expect(basePathOf('http://127.0.0.1:4173/assets/index-abc.js')).toBe('');
    expect(basePathOf('http://eliza.test/run-viewer/assets/index-abc.js')).toBe('/run-viewer');
    const agent = '0b5c2a44-1c0d-4f6e-9a3b-2d2c3e4f5a6b';
    expect(basePathOf(`http://eliza.test/api/agents/${agent}/plugins/run-viewer/assets/index-abc.js`)).toBe(
      `/api/agents/${agent}/plugins/run-viewer`,
    );
  });
});
