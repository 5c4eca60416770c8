import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { build, type InlineConfig, type Plugin } from 'vite';
import { SNAPSHOT_TEMPLATE_FILE, snapshotTemplate } from './src/run/snapshot-template.ts';

// The snapshot template: the viewer built a second time as one script (src/snapshot-main.tsx: the
// run page only, no code splitting, no worker), packed into one .html file with a place for the
// run (src/run/snapshot-template.ts). `vite build` makes it through snapshotTemplatePlugin, so
// dist/ always has it; the share dialog fetches it only when someone downloads a snapshot, so it
// costs the app's first load nothing.

const config: InlineConfig = {
  configFile: false,
  logLevel: 'warn',
  plugins: [react(), tailwindcss()],
  // A snapshot never starts a worker (token estimates are saved in it), so the tokenizer is not built in.
  worker: { plugins: () => [{ name: 'snapshot-without-workers', load: (id) => (/\.worker\.ts$/.test(id) ? 'self.close();' : null) }] },
  build: {
    write: false,
    sourcemap: false,
    modulePreload: false,
    cssCodeSplit: false,
    rolldownOptions: { input: resolve(import.meta.dirname, 'src/snapshot-main.tsx'), output: { codeSplitting: false } },
  },
};

/** The template's text: the snapshot app built in memory, then packed. */
export async function buildSnapshotTemplate(): Promise<string> {
  const result = await build(config);
  const outputs = (Array.isArray(result) ? result : [result]).flatMap((item) => ('output' in item ? item.output : []));
  const entries = outputs.filter((item) => item.type === 'chunk' && item.isEntry);
  const styles = outputs.filter((item) => item.type === 'asset' && item.fileName.endsWith('.css'));
  if (entries.length !== 1 || styles.length !== 1) {
    throw new Error(`The snapshot build should give one script and one style sheet, not ${entries.length} and ${styles.length}.`);
  }
  const [entry] = entries;
  const [style] = styles;
  if (entry.type !== 'chunk' || style.type !== 'asset') throw new Error('Unreachable');
  return snapshotTemplate({ js: entry.code, css: String(style.source) });
}

/** Writes dist/snapshot-template.html after the app's own build. */
export function snapshotTemplatePlugin(): Plugin {
  let outDir = '';
  return {
    name: 'snapshot-template',
    apply: 'build',
    configResolved(resolved) {
      outDir = resolve(resolved.root, resolved.build.outDir);
    },
    async closeBundle() {
      await writeFile(resolve(outDir, SNAPSHOT_TEMPLATE_FILE), await buildSnapshotTemplate());
    },
  };
}
