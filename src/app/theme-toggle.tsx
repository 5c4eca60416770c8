import { useState } from 'react';
import { chooseTheme, storedTheme, type ThemeChoice } from './theme';

const NEXT: Record<ThemeChoice, ThemeChoice> = { system: 'light', light: 'dark', dark: 'system' };
const LABEL: Record<ThemeChoice, string> = { system: 'Theme: system', light: 'Theme: light', dark: 'Theme: dark' };

export function ThemeToggle() {
  const [choice, setChoice] = useState(storedTheme);
  return (
    <button
      type="button"
      onClick={() => {
        const next = NEXT[choice];
        chooseTheme(next);
        setChoice(next);
      }}
      className="rounded border border-border px-2 py-1 text-xs hover:bg-subtle focus-visible:outline-2 focus-visible:outline-accent"
      title="Switch between the system setting, light and dark"
    >
      {LABEL[choice]}
    </button>
  );
}
