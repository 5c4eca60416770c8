import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './e2e/chromium';

// The compatibility suite: the viewer in proxy mode in front of real elizaOS 1.7.2 servers,
// started with their scenario runs by the global setup (see e2e/compat/global-setup.ts), and the
// viewer as a plugin inside them (plugin.spec.ts).
//   npm run build && node e2e/run-e2e.mjs --config playwright.compat.config.ts
export default defineConfig({
  testDir: 'e2e/compat',
  outputDir: 'test-results/compat',
  globalSetup: './e2e/compat/global-setup.ts',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  // Only the live-run test sends a message to elizaOS; everything else only reads.
  workers: 2,
  timeout: 30_000,
  // As in the main suite: two workers and two real elizaOS servers share two cores.
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? 'list' : [['list'], ['html', { open: 'never', outputFolder: 'playwright-report/compat' }]],
  use: {
    locale: 'en-US',
    timezoneId: 'UTC',
    trace: 'retain-on-failure',
    launchOptions: { executablePath: findChromium() ?? undefined, args: CHROMIUM_ARGS },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
});
