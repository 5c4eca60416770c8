import { useState } from 'react';

/**
 * The text of a box whose value lives in the URL. The URL catches up a moment after each
 * keystroke, so a box bound to it directly loses letters typed in between. The box shows what was
 * typed at once; it takes the URL's value only when something else changed it (Back, a link).
 */
export function useEchoedText(external: string, write: (value: string) => void): [string, (value: string) => void] {
  const [draft, setDraft] = useState(external);
  // `waiting`: values written and not seen back yet, oldest first.
  const [echo, setEcho] = useState<{ seen: string; waiting: string[] }>({ seen: external, waiting: [] });
  if (external !== echo.seen) {
    const at = echo.waiting.indexOf(external);
    setEcho({ seen: external, waiting: at >= 0 ? echo.waiting.slice(at + 1) : [] });
    if (at < 0) setDraft(external);
  }
  const change = (value: string) => {
    setDraft(value);
    setEcho((current) => ({ ...current, waiting: [...current.waiting, value] }));
    write(value);
  };
  return [draft, change];
}
