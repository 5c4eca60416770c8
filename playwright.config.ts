import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './e2e/chromium';
import { CLOSED_PORT, PORTS, url } from './e2e/servers/ports';

const viewer = (port: number, env: Record<string, string>) => ({
  command: 'npx tsx server/main.ts',
  url: `${url(port)}/`,
  env: { PORT: String(port), HOST: '127.0.0.1', ...env },
  reuseExistingServer: false,
  timeout: 30_000,
});

export default defineConfig({
  testDir: 'e2e',
  testIgnore: ['compat/**'],
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 2,
  // Two workers on two cores, each page parsing runs of up to 5 MB: 5 s is too short a wait there.
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? 'list' : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: url(PORTS.viewer),
    locale: 'en-US',
    timezoneId: 'UTC',
    trace: 'retain-on-failure',
    launchOptions: { executablePath: findChromium() ?? undefined, args: CHROMIUM_ARGS },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: [
    viewer(PORTS.viewer, { RUNS_DIR: 'e2e/fixtures/runs', DIRECT_SERVER_ORIGINS: url(PORTS.direct) }),
    {
      command: 'npx tsx e2e/servers/cors-eliza-server.ts',
      url: `${url(PORTS.direct)}/__requests`,
      env: { PORT: String(PORTS.direct), UPSTREAM_PORT: String(PORTS.viewer) },
      reuseExistingServer: false,
    },
    {
      command: 'npx tsx e2e/servers/fault-server.ts',
      url: `${url(PORTS.fault)}/health`,
      env: { PORT: String(PORTS.fault) },
      reuseExistingServer: false,
    },
    viewer(PORTS.viewerToFault, { ELIZA_SERVER_URL: url(PORTS.fault) }),
    viewer(PORTS.viewerToClosed, { ELIZA_SERVER_URL: url(CLOSED_PORT) }),
    viewer(PORTS.viewerWithNoRuns, { RUNS_DIR: 'e2e/fixtures/no-runs' }),
  ],
});
