import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem, type as osType, release } from 'node:os';

export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryGB: number;
  os: string;
  node: string;
  chromium: string;
  date: string;
  gitCommit: string;
  /** Uncommitted changes to the app's sources (src/, server/, index.html, configs) at the time of the run. */
  gitDirty: boolean;
  /** 1-minute load average when the bench started and when it ended: other work on the machine skews timings. */
  loadAverage: { start: number; end: number };
}

export function loadNow(): number {
  return Math.round(loadavg()[0] * 100) / 100;
}

export function machineInfo(projectRoot: string, chromiumVersion: string, loadAtStart: number): MachineInfo {
  const git = (...args: string[]) => {
    try {
      return execFileSync('git', args, { cwd: projectRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return '';
    }
  };
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    memoryGB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    os: `${osType()} ${release()}`,
    node: process.version,
    chromium: chromiumVersion,
    date: new Date().toISOString(),
    gitCommit: git('rev-parse', 'HEAD') || 'unknown',
    loadAverage: { start: loadAtStart, end: loadNow() },
    gitDirty: git('status', '--porcelain', '--', 'src', 'server', 'index.html', 'vite.config.ts', 'package.json') !== '',
  };
}
