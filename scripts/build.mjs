// Bundles src/extension.ts into dist/extension.js (what activation loads), src/features/features.ts
// into dist/features.js (every command's work, loaded on first use) and test/sandbox/shipped.ts into
// dist/sandbox.js (the Local Sandbox, loaded when it is first started). `--production` minifies and drops source maps;
// `--analyze` prints what the bundle is made of. The metafile lands in out/bundle-meta.json.
import * as esbuild from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';

const production = process.argv.includes('--production');
const analyze = process.argv.includes('--analyze');

const result = await esbuild.build({
  entryPoints: { extension: 'src/extension.ts', features: 'src/features/features.ts', sandbox: 'test/sandbox/shipped.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  // './features.js' and './sandbox.js' stay require()s of the other files instead of being bundled into the first.
  external: ['vscode', 'encoding', './features.js', './sandbox.js'],
  alias: { 'whatwg-url': './scripts/shims/whatwg-url.cjs' },
  minify: production,
  sourcemap: !production,
  metafile: true,
  logLevel: 'warning',
});

mkdirSync('out', { recursive: true });
writeFileSync('out/bundle-meta.json', JSON.stringify(result.metafile));
if (analyze) console.log(await esbuild.analyzeMetafile(result.metafile));
