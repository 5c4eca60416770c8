import { InvalidRunError } from './normalize';
import { readRunBundle } from './run-bundle';

/** The run (and its saved context) in a file's text, or why it is not one. */
export function parseRunFile(text: string) {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { error: `it is not valid JSON (${error instanceof Error ? error.message : String(error)}).` };
  }
  try {
    return { opened: readRunBundle(json) };
  } catch (error) {
    if (error instanceof InvalidRunError) return { error: `it is JSON, but not a run: ${error.message}` };
    throw error;
  }
}
