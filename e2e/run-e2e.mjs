// `npm run test:e2e`: makes sure a Chromium is there, then runs Playwright.
// Playwright cannot download browsers on these machines; it uses Debian's chromium instead.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
let chromium = candidates.find((path) => existsSync(path));

if (!chromium && !process.env.CHROMIUM_PATH && process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
  console.log("No Chromium found: installing Debian's chromium with apt-get (running as root)...");
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  chromium = '/usr/bin/chromium';
}

if (!chromium || !existsSync(chromium)) {
  console.error(
    [
      'The end-to-end tests need Chromium, and none was found.',
      process.env.CHROMIUM_PATH ? `CHROMIUM_PATH is set to ${process.env.CHROMIUM_PATH}, which does not exist.` : '',
      'Install one, then run the tests again:',
      '  Debian/Ubuntu:  sudo apt-get update && sudo apt-get install -y chromium',
      '  elsewhere:      set CHROMIUM_PATH=/path/to/chrome-or-chromium',
    ]
      .filter(Boolean)
      .join('\n'),
  );
  process.exit(1);
}

const result = spawnSync('npx', ['playwright', 'test', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, CHROMIUM_PATH: chromium },
});
process.exit(result.status ?? 1);
