// Dark or light before the first paint (a run's first paint is drawn before the app's code runs).
// The same rule as src/app/theme.ts, which keeps it up to date once the app runs.
try {
  var choice = localStorage.getItem('run-viewer:theme');
  var dark = choice === 'dark' || (choice !== 'light' && matchMedia('(prefers-color-scheme: dark)').matches);
  document.documentElement.classList.toggle('dark', dark);
} catch {
  // Storage or matchMedia unavailable: the app decides once it runs.
}
