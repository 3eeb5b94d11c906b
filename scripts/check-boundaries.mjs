// Fails when the extension (src/) and the sandbox (test/sandbox/) reach into each other. The sandbox
// checks the extension's signatures with code of its own, so that a bug in one cannot hide the same
// bug in the other: it imports nothing from src/ and never `vscode`. The packaged extension runs it
// as the Local Sandbox, and src/ reaches it through one loader only (src/localSandbox/sandboxFile.ts,
// which requires dist/sandbox.js), which names nothing of the sandbox but its shipped entry
// (test/sandbox/shipped.ts). Types count too: a type import of the sandbox from elsewhere in src/
// would tie the two together as surely.
//
//   node scripts/check-boundaries.mjs [--root <repository>]
//
// Exit 1 when something crosses, 2 on a usage error.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { sourceFiles, specifiers } from './importSpecifiers.mjs';

const LOADER = 'src/localSandbox/sandboxFile.ts';
const SHIPPED_ENTRY = 'test/sandbox/shipped';

function parseArgs(argv) {
  const options = { root: path.resolve(import.meta.dirname, '..') };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--root' && argv[i + 1] !== undefined) options.root = path.resolve(argv[++i]);
    else throw new Error(`unknown argument ${argv[i]}; usage: node scripts/check-boundaries.mjs [--root <repository>]`);
  }
  for (const dir of ['src', 'test/sandbox']) {
    if (!fs.statSync(path.join(options.root, dir), { throwIfNoEntry: false })?.isDirectory())
      throw new Error(`${path.join(options.root, dir)} is not a directory`);
  }
  return options;
}

/** The repository-relative path (forward slashes, no extension) a relative specifier names, or undefined for a package. */
function target(root, from, specifier) {
  if (!specifier.startsWith('.')) return undefined;
  const full = path.resolve(path.dirname(from), specifier);
  return path
    .relative(root, full)
    .split(path.sep)
    .join('/')
    .replace(/\.(ts|js|mjs|cjs)$/, '');
}

const inside = (relative, dir) => relative === dir || relative.startsWith(`${dir}/`);

/** Every crossing, as `file: what it imports (why that is not allowed)`. */
function crossings(root) {
  const found = [];
  const rel = (file) => path.relative(root, file).split(path.sep).join('/');
  for (const file of sourceFiles(path.join(root, 'test', 'sandbox'))) {
    for (const { specifier } of specifiers(file)) {
      if (specifier === 'vscode') found.push(`${rel(file)}: imports vscode (the sandbox is plain Node)`);
      const to = target(root, file, specifier);
      if (to !== undefined && inside(to, 'src')) found.push(`${rel(file)}: imports ${specifier} (the sandbox imports nothing from src/)`);
    }
  }
  for (const file of sourceFiles(path.join(root, 'src'))) {
    const isLoader = rel(file) === LOADER;
    for (const { specifier } of specifiers(file)) {
      const to = target(root, file, specifier);
      if (to === undefined || !inside(to, 'test/sandbox')) continue;
      if (!isLoader) found.push(`${rel(file)}: imports ${specifier} (src/ reaches the sandbox only through ${LOADER})`);
      else if (to !== SHIPPED_ENTRY) found.push(`${rel(file)}: imports ${specifier} (the loader names only ${SHIPPED_ENTRY}.ts)`);
    }
  }
  return found;
}

function main() {
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(error.message);
    return 2;
  }
  const found = crossings(options.root);
  if (found.length === 0) {
    console.log(`src/ and test/sandbox/ stay apart (src/ reaches the sandbox only through ${LOADER}).`);
    return 0;
  }
  console.error(`${found.length} import${found.length === 1 ? '' : 's'} across the boundary between src/ and test/sandbox/:`);
  for (const line of found) console.error(`  ${line}`);
  console.error(`Pass values across instead; the extension loads the sandbox only as dist/sandbox.js, through ${LOADER}.`);
  return 1;
}

process.exitCode = main();
