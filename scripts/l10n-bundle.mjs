/**
 * Writes l10n/bundle.l10n.json: every sentence the extension says, keyed by its English text.
 * The sentences are the first arguments of the `t('…')` calls in src/feedback/messages.ts, read
 * with the TypeScript parser (so a quote or a brace inside a sentence is never misread), and the
 * sign-in kinds' labels and prompts in src/core/signInKinds.ts (the `label`, `shortLabel` and
 * `detail` of each kind, and the text given to `same(…)` and `about(…)`), which messages.ts
 * translates by their English text. A
 * translation is then one more file beside it, l10n/bundle.l10n.<language>.json, with the same keys.
 *
 *   node scripts/l10n-bundle.mjs           writes the file
 *   node scripts/l10n-bundle.mjs --check   exits 1, saying what differs, when the file is out of date
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE = join(root, 'src', 'feedback', 'messages.ts');
const BUNDLE = join(root, 'l10n', 'bundle.l10n.json');
const KINDS = join(root, 'src', 'core', 'signInKinds.ts');
const KIND_TEXT_PROPERTIES = new Set(['label', 'shortLabel', 'detail']);
const PROMPT_MAKERS = new Set(['same', 'about']);

/** The sign-in kinds' words: string literals of their label properties and prompt makers. */
function kindTextsOf(file) {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found = [];
  const literal = (node) => node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node));
  const visit = (node) => {
    if (ts.isPropertyAssignment(node) && ts.isIdentifier(node.name) && KIND_TEXT_PROPERTIES.has(node.name.text) && literal(node.initializer))
      found.push(node.initializer.text);
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && PROMPT_MAKERS.has(node.expression.text) && literal(node.arguments[0]))
      found.push(node.arguments[0].text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The English text of every `t(…)` call in the file, in order of appearance; throws on a first argument that is not a literal. */
function sentencesOf(file) {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found = [];
  const problems = [];
  const where = (node) => {
    const { line, character } = source.getLineAndCharacterOfPosition(node.getStart(source));
    return `${relative(root, file)}:${line + 1}:${character + 1}`;
  };
  const visit = (node) => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 't') {
      const first = node.arguments[0];
      if (first && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first))) found.push(first.text);
      else problems.push(`${where(node)}: t(…) must take the English text as a string literal, not ${first ? `\`${first.getText(source)}\`` : 'nothing'}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  if (problems.length > 0) throw new Error(`Cannot collect the sentences:\n  ${problems.join('\n  ')}`);
  return found;
}

/** The bundle's text: each English sentence mapped to itself, sorted, two-space JSON and a final newline. */
function bundleText(sentences) {
  const sorted = [...new Set(sentences)].sort();
  return `${JSON.stringify(Object.fromEntries(sorted.map((sentence) => [sentence, sentence])), null, 2)}\n`;
}

function main() {
  const check = process.argv.includes('--check');
  let expected;
  try {
    expected = bundleText([...sentencesOf(SOURCE), ...kindTextsOf(KINDS)]);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 1;
  }
  const shown = relative(root, BUNDLE);
  if (!check) {
    mkdirSync(dirname(BUNDLE), { recursive: true });
    writeFileSync(BUNDLE, expected);
    console.log(`Wrote ${shown} (${Object.keys(JSON.parse(expected)).length} sentences).`);
    return 0;
  }
  if (!existsSync(BUNDLE)) {
    console.error(`${shown} does not exist: run npm run l10n.`);
    return 1;
  }
  const actual = readFileSync(BUNDLE, 'utf8');
  if (actual === expected) return 0;
  const want = Object.keys(JSON.parse(expected));
  let have = [];
  try {
    have = Object.keys(JSON.parse(actual));
  } catch {
    console.error(`${shown} is not valid JSON.`);
  }
  const missing = want.filter((sentence) => !have.includes(sentence));
  const stale = have.filter((sentence) => !want.includes(sentence));
  console.error(`${shown} is out of date with src/feedback/messages.ts: run npm run l10n.`);
  for (const sentence of missing) console.error(`  missing: ${JSON.stringify(sentence)}`);
  for (const sentence of stale) console.error(`  no longer said: ${JSON.stringify(sentence)}`);
  if (missing.length === 0 && stale.length === 0) console.error('  (same sentences; the order, the values or the layout differ)');
  return 1;
}

process.exitCode = main();
