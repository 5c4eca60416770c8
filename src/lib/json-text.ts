/**
 * JSON text of any value, never throwing: a value JSON has no text for (undefined, a function)
 * reads as String(value), and one too deep for JSON.stringify (it recurses) gets a placeholder.
 */
export function jsonText(value: unknown, indent?: number): string {
  try {
    return JSON.stringify(value, null, indent) ?? String(value);
  } catch {
    return '(too deeply nested to show as text)';
  }
}
