import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// Test helper: the real captured responses in ../shared/samples, by file name.
export const SAMPLES_DIR = join(import.meta.dirname, '../../../shared/samples');

export function sampleFiles(): string[] {
  return readdirSync(SAMPLES_DIR, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.json'))
    .sort();
}

export function loadSample(relativePath: string): unknown {
  return JSON.parse(readFileSync(join(SAMPLES_DIR, relativePath), 'utf8'));
}
