import { THEME_KEY } from '../lib/theme-boot';

// Light or dark: follows the system unless the user picked one, which is remembered.

export type ThemeChoice = 'system' | 'light' | 'dark';

const darkQuery = () => window.matchMedia('(prefers-color-scheme: dark)');

export function storedTheme(): ThemeChoice {
  try {
    const value = localStorage.getItem(THEME_KEY);
    return value === 'light' || value === 'dark' ? value : 'system';
  } catch {
    return 'system';
  }
}

export function applyTheme(choice: ThemeChoice = storedTheme()): void {
  const dark = choice === 'dark' || (choice === 'system' && darkQuery().matches);
  document.documentElement.classList.toggle('dark', dark);
}

export function chooseTheme(choice: ThemeChoice): void {
  try {
    if (choice === 'system') localStorage.removeItem(THEME_KEY);
    else localStorage.setItem(THEME_KEY, choice);
  } catch {
    // Storage can be unavailable (private windows); the choice then lasts for this page only.
  }
  applyTheme(choice);
}

/** Keeps following the system setting while the choice is "system". */
export function followSystemTheme(): void {
  darkQuery().addEventListener('change', () => applyTheme());
}
