import { useState } from 'react';
import { chooseTheme, storedTheme, type ThemeChoice } from './theme';
import { Button } from '../components/ui/button';

const NEXT: Record<ThemeChoice, ThemeChoice> = { system: 'light', light: 'dark', dark: 'system' };
const LABEL: Record<ThemeChoice, string> = { system: 'Theme: system', light: 'Theme: light', dark: 'Theme: dark' };

export function ThemeToggle() {
  const [choice, setChoice] = useState(storedTheme);
  return (
    <Button
      onClick={() => {
        const next = NEXT[choice];
        chooseTheme(next);
        setChoice(next);
      }}
      title="Switch between the system setting, light and dark"
    >
      {LABEL[choice]}
    </Button>
  );
}
