// Dark or light before the first paint. A run's first paint is drawn before the app's code runs
// (server/first-paint.ts), so index.html runs this in its head (vite.config.ts puts it there,
// inline: a script file would be one more request before the first paint) and the server's
// Content-Security-Policy allows exactly this script, by its hash. src/app/theme.ts applies the
// same rule once the app runs, and keeps it up to date.

/** Where the user's choice is kept: 'light', 'dark', or nothing for the system's. */
export const THEME_KEY = 'run-viewer:theme';

export const THEME_BOOT_SCRIPT =
  `try{var c=localStorage.getItem(${JSON.stringify(THEME_KEY)});` +
  `document.documentElement.classList.toggle('dark',c==='dark'||(c!=='light'&&matchMedia('(prefers-color-scheme: dark)').matches))}catch(e){}`;
