import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// Test helper: the real captured responses, by file name. e2e/fixtures/samples is a verbatim
// copy of the shared samples (../shared/samples), kept in the repo so a clone tests on its own.
export const SAMPLES_DIR = join(import.meta.dirname, '../../e2e/fixtures/samples');

export function sampleFiles(): string[] {
  return readdirSync(SAMPLES_DIR, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.json'))
    .sort();
}

export function loadSample(relativePath: string): unknown {
  return JSON.parse(readFileSync(join(SAMPLES_DIR, relativePath), 'utf8'));
}
