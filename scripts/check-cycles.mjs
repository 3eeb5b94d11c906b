// Fails when the TypeScript files under src/ import each other in a circle. A cycle makes load order
// decide what a module sees (an import that is still `undefined` while its module runs) and ties
// the files of the circle into one unit that cannot be tested or loaded apart.
//
//   node scripts/check-cycles.mjs [--root <dir>]
//
// Edges are relative specifiers of `import`, `export … from`, `import x = require()`, `require()` and
// `import()`. An edge made only of types (`import type`, `export type`, `import { type A }`) vanishes
// at runtime: a cycle that needs one is printed as a warning and does not fail. Exit 1 on a cycle of
// value imports, 2 on a usage error.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { sourceFiles, specifiers } from './importSpecifiers.mjs';

function parseArgs(argv) {
  const options = { root: path.resolve(import.meta.dirname, '..', 'src') };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--root' && argv[i + 1] !== undefined) options.root = path.resolve(argv[++i]);
    else throw new Error(`unknown argument ${argv[i]}; usage: node scripts/check-cycles.mjs [--root <dir>]`);
  }
  if (!fs.statSync(options.root, { throwIfNoEntry: false })?.isDirectory()) throw new Error(`--root ${options.root} is not a directory`);
  return options;
}

/** The file a relative specifier names among `known`, or undefined (a package, JSON, a missing file). */
function resolve(from, specifier, known) {
  if (!specifier.startsWith('.')) return undefined;
  const base = path.resolve(path.dirname(from), specifier);
  const stem = base.replace(/\.(js|mjs|cjs|jsx)$/, '');
  const candidates = [base, ...['.ts', '.tsx', '.mts', '.cts'].map((ext) => stem + ext), ...['index.ts', 'index.tsx'].map((name) => path.join(base, name))];
  return candidates.find((candidate) => known.has(candidate));
}

/** file → Map(target → typeOnly), where an edge is type-only when every import along it is. */
function buildGraph(files) {
  const known = new Set(files);
  const graph = new Map();
  for (const file of files) {
    const edges = new Map();
    for (const { specifier, typeOnly } of specifiers(file)) {
      const target = resolve(file, specifier, known);
      if (target !== undefined) edges.set(target, (edges.get(target) ?? true) && typeOnly);
    }
    graph.set(file, edges);
  }
  return graph;
}

/** Strongly connected components (Tarjan), iteratively so that deep chains cannot overflow the stack. */
function components(nodes, next) {
  let counter = 0;
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const result = [];
  for (const start of nodes) {
    if (index.has(start)) continue;
    const work = [{ node: start, targets: next(start), at: 0 }];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      if (frame.at < frame.targets.length) {
        const target = frame.targets[frame.at++];
        if (!index.has(target)) {
          index.set(target, counter);
          low.set(target, counter++);
          stack.push(target);
          onStack.add(target);
          work.push({ node: target, targets: next(target), at: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.node, Math.min(low.get(frame.node), index.get(target)));
        }
        continue;
      }
      work.pop();
      if (work.length > 0) low.set(work[work.length - 1].node, Math.min(low.get(work[work.length - 1].node), low.get(frame.node)));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component = [];
        let member;
        do {
          member = stack.pop();
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        result.push(component);
      }
    }
  }
  return result;
}

/** The shortest way from `start` back to itself inside `members` (breadth first), as a closed chain. */
function shortestCycle(start, members, next) {
  const cameFrom = new Map();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i];
    for (const target of next(node)) {
      if (!members.has(target)) continue;
      if (target === start) {
        const chain = [start];
        for (let at = node; at !== start; at = cameFrom.get(at)) chain.unshift(at);
        chain.unshift(start);
        return chain;
      }
      if (!cameFrom.has(target)) {
        cameFrom.set(target, node);
        queue.push(target);
      }
    }
  }
  return undefined;
}

/** At least one cycle through every file that is in one: per file, its shortest, without repeats. */
function cycles(graph, next) {
  const found = new Map();
  const nodes = [...graph.keys()].sort();
  for (const component of components(nodes, next)) {
    const members = new Set(component);
    for (const file of [...component].sort()) {
      const chain = shortestCycle(file, members, next);
      if (chain === undefined) continue;
      const key = canonical(chain);
      if (!found.has(key)) found.set(key, chain);
    }
  }
  return [...found.entries()];
}

/** The same circle read from its alphabetically first file, so rotations compare equal. */
function canonical(chain) {
  const open = chain.slice(0, -1);
  const first = open.indexOf([...open].sort()[0]);
  return [...open.slice(first), ...open.slice(0, first)].join('\n');
}

function main() {
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(error.message);
    return 2;
  }
  const files = sourceFiles(options.root).sort();
  const graph = buildGraph(files);
  const valueNext = (file) =>
    [...graph.get(file)]
      .filter(([, typeOnly]) => !typeOnly)
      .map(([target]) => target)
      .sort();
  const anyNext = (file) => [...graph.get(file).keys()].sort();
  const cwd = process.cwd();
  const base = path.relative(cwd, options.root).startsWith('..') ? options.root : cwd;
  const show = (chain) => chain.map((file) => path.relative(base, file).split(path.sep).join('/')).join(' → ');

  const valueCycles = cycles(graph, valueNext);
  const needsTypes = (chain) => chain.slice(1).some((file, i) => graph.get(chain[i]).get(file));
  const typeCycles = cycles(graph, anyNext).filter(([, chain]) => needsTypes(chain));
  for (const [, chain] of typeCycles) console.log(`warning: import cycle through types only (gone at runtime): ${show(chain)}`);
  if (valueCycles.length === 0) {
    console.log(`No import cycles among ${files.length} files under ${path.relative(cwd, options.root) || '.'}.`);
    return 0;
  }
  console.error(`${valueCycles.length} import cycle${valueCycles.length === 1 ? '' : 's'} under ${path.relative(cwd, options.root) || '.'}:`);
  for (const [, chain] of valueCycles) console.error(`  ${show(chain)}`);
  console.error('Break each by moving what both sides need into a module that neither imports back, or pass it in as a parameter.');
  return 1;
}

process.exitCode = main();
