import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// The bench measures the app as the sources are now. It uses dist/ when dist/ is newer than every
// build input (as right after `npm run build`, e.g. inside `npm test`); otherwise it builds into
// its own folder, so it never rewrites the dist/ other tools are using.

const INPUTS = ['src', 'public', 'index.html', 'vite.config.ts', 'package.json', 'package-lock.json'];
const STAMP = '.bench-built';

export interface AppBuild {
  distDir: string;
  how: 'dist/ (up to date)' | 'bench build (up to date)' | 'built now';
  buildMs: number | null;
}

export function ensureBuild(projectRoot: string, benchDist: string, force: boolean, log: (line: string) => void): AppBuild {
  const newestInput = Math.max(...INPUTS.map((input) => newestMtime(join(projectRoot, input))));
  const projectDist = join(projectRoot, 'dist');
  if (!force && builtAfter(projectDist, 'index.html', newestInput))
    return { distDir: projectDist, how: 'dist/ (up to date)', buildMs: null };
  if (!force && builtAfter(benchDist, STAMP, newestInput)) return { distDir: benchDist, how: 'bench build (up to date)', buildMs: null };

  log(`building the app into ${benchDist} (vite build)...`);
  const started = Date.now();
  const result = spawnSync('npx', ['vite', 'build', '--outDir', benchDist, '--emptyOutDir', '--logLevel', 'warn'], {
    cwd: projectRoot,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error(`vite build failed (exit ${result.status ?? result.signal})`);
  writeFileSync(join(benchDist, STAMP), new Date().toISOString());
  return { distDir: benchDist, how: 'built now', buildMs: Date.now() - started };
}

/** True when `dir/marker` exists and no file of the build is older than `newestInput`. */
function builtAfter(dir: string, marker: string, newestInput: number): boolean {
  if (!existsSync(join(dir, marker))) return false;
  return oldestMtime(dir) >= newestInput;
}

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  return Math.max(info.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

function oldestMtime(path: string): number {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  return Math.min(Infinity, ...readdirSync(path).map((name) => oldestMtime(join(path, name))));
}
