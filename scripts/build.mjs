// Bundles src/extension.ts into dist/extension.js. `--production` minifies and drops source maps;
// `--analyze` prints what the bundle is made of. The metafile lands in out/bundle-meta.json.
import * as esbuild from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';

const production = process.argv.includes('--production');
const analyze = process.argv.includes('--analyze');

const result = await esbuild.build({
  entryPoints: ['src/extension.ts'],
  outfile: 'dist/extension.js',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  external: ['vscode', 'encoding'],
  alias: { 'whatwg-url': './scripts/shims/whatwg-url.cjs' },
  minify: production,
  sourcemap: !production,
  metafile: true,
  logLevel: 'warning',
});

mkdirSync('out', { recursive: true });
writeFileSync('out/bundle-meta.json', JSON.stringify(result.metafile));
if (analyze) console.log(await esbuild.analyzeMetafile(result.metafile));
