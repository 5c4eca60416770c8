import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeRun } from '../src/run/normalize';

// The bundled samples are the first thing a new user opens: the README must list every one.
const DIR = join(import.meta.dirname, 'sample-runs');
const readme = readFileSync(join(DIR, 'README.md'), 'utf8');
const runFiles = readdirSync(DIR, { recursive: true, encoding: 'utf8' }).filter(
  (file) => /^[^/]+\/[^/]+\.json$/.test(file) && !file.endsWith('/agent.json'),
);

describe('server/sample-runs/README.md', () => {
  it.each(runFiles)('lists %s with its run id', (file) => {
    const { runId } = normalizeRun(JSON.parse(readFileSync(join(DIR, file), 'utf8')));
    const row = readme.split('\n').find((line) => line.startsWith(`| \`${file.split('/')[1]}\``));
    expect(row, `a table row for ${file}`).toBeDefined();
    expect(row).toContain(`\`${runId}\``);
  });
});
