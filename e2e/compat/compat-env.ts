import { readFileSync } from 'node:fs';
import type { Manifest } from '../../compat/scenarios';

// What the global setup hands to the specs. Written to a JSON file whose path is in
// COMPAT_ENV_FILE; it never holds server B's API key (the leak check reads that from
// COMPAT_SERVER_B_TOKEN, which lives only in the environment of the test processes).

export interface ElizaServerInfo {
  baseUrl: string;
  logFile: string;
  manifest: Manifest;
}

export interface CompatEnv {
  /** elizaOS without auth. */
  serverA: ElizaServerInfo;
  /** elizaOS with ELIZA_SERVER_AUTH_TOKEN set. */
  serverB: ElizaServerInfo;
  /** The copy of the built app the viewers serve. */
  distDir: string;
  viewers: {
    /** Proxy to A. */
    a: string;
    /** Proxy to B without the API key. */
    bWithoutKey: string;
    /** Proxy to B with the API key. */
    bWithKey: string;
  };
}

export const ENV_FILE_VARIABLE = 'COMPAT_ENV_FILE';
export const TOKEN_VARIABLE = 'COMPAT_SERVER_B_TOKEN';

export function readCompatEnv(): CompatEnv {
  const file = process.env[ENV_FILE_VARIABLE];
  if (!file) throw new Error(`${ENV_FILE_VARIABLE} is not set: run the compat suite with --config playwright.compat.config.ts`);
  return JSON.parse(readFileSync(file, 'utf8')) as CompatEnv;
}
