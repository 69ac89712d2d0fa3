/** Light/dark: follows prefers-color-scheme until the agent picks one, which is saved. */

export type ThemeChoice = 'system' | 'light' | 'dark';
const STORAGE_KEY = 'switchboard.theme';

export function savedTheme(): ThemeChoice {
  const saved = localStorage.getItem(STORAGE_KEY);
  return saved === 'light' || saved === 'dark' ? saved : 'system';
}

export function resolvedTheme(choice: ThemeChoice): 'light' | 'dark' {
  if (choice !== 'system') return choice;
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export function applyTheme(choice: ThemeChoice): void {
  if (choice === 'system') localStorage.removeItem(STORAGE_KEY);
  else localStorage.setItem(STORAGE_KEY, choice);
  document.documentElement.dataset.theme = resolvedTheme(choice);
}
