import * as assert from 'node:assert/strict';
import { DEFAULT_ENV_VARIABLE, envVariableNameProblem, isEnvVariableName, setEnvVariable } from '../../src/core';

const NAME = DEFAULT_ENV_VARIABLE;
const TOKEN = 'c56f382b402fb482086db956064592d3cd012bba';
const BOM = '\xef\xbb\xbf';

/** The file's lines as [content, ending] pairs, split the way the test reads a .env file. */
function linesOf(text: string): [string, string][] {
  const body = text.startsWith(BOM) ? text.slice(BOM.length) : text;
  const parts = body.split(/(\r\n|\r|\n)/);
  const lines: [string, string][] = [];
  for (let i = 0; i < parts.length; i += 2) lines.push([parts[i], parts[i + 1] ?? '']);
  if (lines.at(-1)?.join('') === '') lines.pop();
  return lines;
}

/** What follows `=` when the line assigns NAME, else undefined. */
function assignedText(content: string): string | undefined {
  return new RegExp(`^[ \\t]*(?:export[ \\t]+)?${NAME}[ \\t]*=(.*)$`).exec(content)?.[1];
}

/** A value as setEnvVariable writes it, read back: raw only when safe, else quoted with escapes. */
function readValue(written: string): string {
  if (!written.startsWith('"')) {
    assert.doesNotMatch(written, /[\s#"'$`\\]/, `an unquoted value needs quotes: ${written}`);
    return written;
  }
  assert.match(written, /^"(?:[^"\\$`]|\\["\\$`])*"$/, `a quoted value is escaped: ${written}`);
  return written.slice(1, -1).replace(/\\(.)/g, '$1');
}

/** 1-based numbers of the lines assigning NAME, with what they assign. */
function assignments(text: string): { line: number; written: string }[] {
  return linesOf(text).flatMap(([content], index) => {
    const written = assignedText(content);
    return written === undefined ? [] : [{ line: index + 1, written }];
  });
}

/** The values a text as setEnvVariable leaves it assigns to NAME. */
function valuesOf(text: string): string[] {
  return assignments(text).map((found) => readValue(found.written));
}

function withoutAssignments(text: string): string {
  const mark = text.startsWith(BOM) ? BOM : '';
  return (
    mark +
    linesOf(text)
      .filter(([content]) => assignedText(content) === undefined)
      .map((line) => line.join(''))
      .join('')
  );
}

describe('.env file updates', () => {
  describe('variable names', () => {
    it('accepts shell names and explains what is wrong with others', () => {
      for (const good of [NAME, '_x', 'a1', 'A'.repeat(128)]) {
        assert.ok(isEnvVariableName(good), good);
        assert.equal(envVariableNameProblem(good), undefined);
      }
      for (const bad of ['', '1A', 'A-B', 'A B', 'A.B', 'É', ' NAME', 'NAME=', 'A'.repeat(129)]) {
        assert.ok(!isEnvVariableName(bad), bad);
        assert.ok(envVariableNameProblem(bad), bad);
      }
      assert.match(envVariableNameProblem('') ?? '', /^Enter a variable name/);
      assert.match(envVariableNameProblem('1A') ?? '', /letters, digits and underscores.*digit.*QUICKBLOX_TOKEN/);
      assert.match(envVariableNameProblem('A-B') ?? '', /QUICKBLOX_TOKEN/);
      assert.match(envVariableNameProblem('A'.repeat(129)) ?? '', /128/);
    });

    it('refuses a bad name with the same sentence', () => {
      for (const bad of ['', '9LIVES', 'MY-TOKEN', 'A'.repeat(200)]) {
        assert.throws(() => setEnvVariable('A=1\n', bad, TOKEN), { message: envVariableNameProblem(bad) });
      }
    });
  });

  describe('adding', () => {
    it('writes one line to an empty file', () => {
      assert.deepEqual(setEnvVariable('', NAME, TOKEN), { text: `${NAME}=${TOKEN}\n`, change: 'added', lines: [1] });
    });

    it('appends after a trailing newline and supplies a missing one', () => {
      assert.deepEqual(setEnvVariable('A=1\nB=2\n', NAME, TOKEN), { text: `A=1\nB=2\n${NAME}=${TOKEN}\n`, change: 'added', lines: [3] });
      assert.deepEqual(setEnvVariable('A=1\nB=2', NAME, TOKEN), { text: `A=1\nB=2\n${NAME}=${TOKEN}\n`, change: 'added', lines: [3] });
    });

    it('follows CRLF when the first line ends in CRLF', () => {
      assert.equal(setEnvVariable('A=1\r\nB=2', NAME, 'x').text, `A=1\r\nB=2\r\n${NAME}=x\r\n`);
      assert.equal(setEnvVariable('A=1\nB=2\r\n', NAME, 'x').text, `A=1\nB=2\r\n${NAME}=x\n`, 'the first ending decides');
      assert.equal(setEnvVariable('A=1', NAME, 'x').text, `A=1\n${NAME}=x\n`);
    });

    it('counts lone CRs as line ends, as editors do', () => {
      assert.deepEqual(setEnvVariable('A=1\rB=2\r', NAME, 'x'), { text: `A=1\rB=2\r${NAME}=x\n`, change: 'added', lines: [3] });
    });
  });

  describe('replacing', () => {
    it('replaces a single assignment and nothing else', () => {
      const before = `# session\nA=1\n${NAME}=old\nB=2\n`;
      assert.deepEqual(setEnvVariable(before, NAME, TOKEN), { text: `# session\nA=1\n${NAME}=${TOKEN}\nB=2\n`, change: 'replaced', lines: [3] });
    });

    it('keeps indentation and an export prefix, drops blanks around =', () => {
      const before = `  export ${NAME}=old\n\texport\t${NAME} = old\n ${NAME} =old`;
      assert.equal(setEnvVariable(before, NAME, 'new').text, `  export ${NAME}=new\n\texport\t${NAME}=new\n ${NAME}=new`);
    });

    it('replaces every assignment and reports each line', () => {
      const before = `${NAME}=one\nA=1\n\n${NAME}="two"\n# end\nexport ${NAME}=three`;
      const result = setEnvVariable(before, NAME, TOKEN);
      assert.equal(result.change, 'replaced');
      assert.deepEqual(result.lines, [1, 4, 6]);
      assert.deepEqual(valuesOf(result.text), [TOKEN, TOKEN, TOKEN]);
    });

    it('drops a trailing comment and a quoted value with the old value', () => {
      assert.equal(setEnvVariable(`${NAME}=abc # note\n`, NAME, 'new').text, `${NAME}=new\n`);
      assert.equal(setEnvVariable(`${NAME}="abc def" # note\n`, NAME, 'new').text, `${NAME}=new\n`);
      assert.equal(setEnvVariable(`${NAME}='abc'\n`, NAME, 'new').text, `${NAME}=new\n`);
    });

    it('leaves commented lines and other names alone', () => {
      const others = [
        `# ${NAME}=old`,
        `#${NAME}=old`,
        `${NAME}_OLD=old`,
        `X${NAME}=old`,
        `${NAME.toLowerCase()}=old`,
        `${NAME}`,
        `${NAME}: old`,
        `exported ${NAME}=old`,
      ];
      const before = `${others.join('\n')}\n`;
      const result = setEnvVariable(before, NAME, 'new');
      assert.equal(result.change, 'added');
      assert.equal(result.text, `${before}${NAME}=new\n`);
      assert.deepEqual(result.lines, [others.length + 1]);
    });

    it('reports unchanged when the assignment already reads the same', () => {
      const before = `A=1\r\n  export ${NAME}=${TOKEN}\r\n`;
      assert.deepEqual(setEnvVariable(before, NAME, TOKEN), { text: before, change: 'unchanged', lines: [2] });
      assert.equal(setEnvVariable(`${NAME} = ${TOKEN}\n`, NAME, TOKEN).change, 'replaced', 'blanks around = differ');
      const mixed = setEnvVariable(`${NAME}=${TOKEN}\n${NAME}=old\n`, NAME, TOKEN);
      assert.equal(mixed.change, 'replaced');
      assert.deepEqual(mixed.lines, [1, 2]);
    });

    it('keeps the line ending of the changed line', () => {
      assert.equal(setEnvVariable(`A=1\n${NAME}=old\r\nB=2\n`, NAME, 'new').text, `A=1\n${NAME}=new\r\nB=2\n`);
      assert.equal(setEnvVariable(`A=1\r\n${NAME}=old\rB=2`, NAME, 'new').text, `A=1\r\n${NAME}=new\rB=2`);
      assert.equal(setEnvVariable(`A=1\r\n${NAME}=old`, NAME, 'new').text, `A=1\r\n${NAME}=new`, 'no newline is added after a replaced last line');
    });
  });

  describe('bytes', () => {
    it('keeps a byte order mark, whether decoded as latin1 or as the character', () => {
      assert.deepEqual(setEnvVariable(`${BOM}${NAME}=old\n`, NAME, 'new'), { text: `${BOM}${NAME}=new\n`, change: 'replaced', lines: [1] });
      assert.equal(setEnvVariable(`\ufeff${NAME}=old\n`, NAME, 'new').text, `\ufeff${NAME}=new\n`);
      assert.deepEqual(setEnvVariable(BOM, NAME, 'new'), { text: `${BOM}${NAME}=new\n`, change: 'added', lines: [1] });
      assert.equal(setEnvVariable(`${BOM}A=1`, NAME, 'new').text, `${BOM}A=1\n${NAME}=new\n`);
    });

    it('keeps UTF-8 and invalid UTF-8 bytes through a latin1 round trip', () => {
      const head = Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from('# café €uro 日本\r\n', 'utf8'),
        Buffer.from([0x42, 0x41, 0x44, 0x3d, 0xff, 0xfe, 0x80, 0xc3, 0x28, 0x0a]), // BAD= then invalid UTF-8
      ]);
      const changed = Buffer.from(`export ${NAME}="old ×"`, 'utf8');
      const tail = Buffer.concat([Buffer.from('\r\nNAME_2=ünïcode\n\n', 'utf8'), Buffer.from([0xa0, 0xed, 0xa0, 0x80])]);
      const file = Buffer.concat([head, changed, tail]);

      const result = setEnvVariable(file.toString('latin1'), NAME, TOKEN);
      const written = Buffer.from(result.text, 'latin1');
      const newLine = Buffer.from(`export ${NAME}=${TOKEN}`, 'latin1');
      assert.equal(result.change, 'replaced');
      assert.deepEqual(result.lines, [3]);
      assert.ok(written.subarray(0, head.length).equals(head), 'the bytes before the assignment changed');
      assert.ok(written.subarray(head.length, head.length + newLine.length).equals(newLine));
      assert.equal(Buffer.compare(written.subarray(head.length + newLine.length), tail), 0, 'the bytes after the assignment changed');
    });

    it('appends to non-UTF-8 content without touching a byte of it', () => {
      const file = Buffer.from([0x41, 0x3d, 0xe9, 0xff, 0x0d, 0x0a, 0x23, 0x20, 0x80, 0x81]);
      const written = Buffer.from(setEnvVariable(file.toString('latin1'), NAME, TOKEN).text, 'latin1');
      assert.ok(written.subarray(0, file.length).equals(file));
      assert.equal(written.subarray(file.length).toString('latin1'), `\r\n${NAME}=${TOKEN}\r\n`);
    });
  });

  describe('values', () => {
    it('writes tokens and other safe values raw', () => {
      for (const value of [TOKEN, 'a-b.c:d/e+f=g@h,i_J', '', 'MTIzNDU2Nzg5MA==']) {
        assert.equal(setEnvVariable('', NAME, value).text, `${NAME}=${value}\n`);
      }
    });

    it('quotes and escapes anything else', () => {
      const cases: [string, string][] = [
        ['two words', '"two words"'],
        ['a#b', '"a#b"'],
        ['say "hi"', '"say \\"hi\\""'],
        ['$HOME', '"\\$HOME"'],
        ['back\\slash', '"back\\\\slash"'],
        ["it's", `"it's"`],
        ['`id`', '"\\`id\\`"'],
        ['tab\there', '"tab\there"'],
        ['é', '"é"'],
      ];
      for (const [value, written] of cases) {
        const text = setEnvVariable('', NAME, value).text;
        assert.equal(text, `${NAME}=${written}\n`);
        assert.deepEqual(valuesOf(text), [value], 'the written value reads back as given');
      }
    });

    it('refuses line breaks and NUL without repeating the value', () => {
      for (const value of ['sec\nret', 'sec\rret', 'secret\r\n']) {
        assert.throws(
          () => setEnvVariable('', NAME, value),
          (error: Error) => /line break/.test(error.message) && error.message.includes(NAME) && !error.message.includes('sec'),
        );
      }
      assert.throws(
        () => setEnvVariable('', NAME, 'sec\0ret'),
        (error: Error) => /NUL/.test(error.message) && !error.message.includes('sec'),
      );
    });
  });

  describe('on 200 generated files', () => {
    /** A small deterministic generator, so a failure names a seed that reproduces it. */
    function generator(seed: number): () => number {
      let state = seed >>> 0;
      return () => {
        state = (state * 1664525 + 1013904223) >>> 0;
        return state / 2 ** 32;
      };
    }
    const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)];

    const OTHER_LINES = [
      '',
      '   ',
      '\t',
      '# a comment',
      `# ${NAME}=commented`,
      `#${NAME}=x`,
      `${NAME}_OLD=keep`,
      `X${NAME}=keep`,
      `${NAME.toLowerCase()}=keep`,
      `${NAME}`,
      `${NAME} value`,
      'OTHER=1',
      'export OTHER="two words"',
      'caf\xe9=\xe9\xff\x80',
      '\xc3\xa9\xe2\x82\xac',
      'JSON={"a": 1}',
    ];
    const ASSIGNMENT_LINES = [
      `${NAME}=old`,
      `  ${NAME}=old`,
      `export ${NAME}=old`,
      `\texport\t${NAME} = "old value" # note`,
      `${NAME}=`,
      `${NAME}=abc # note`,
      `${NAME}=${TOKEN}`,
    ];
    const ENDINGS = ['\n', '\r\n', '\r'];
    const VALUE_PIECES = ['a', 'Z', '0', '9', '-', '_', '.', '/', '=', ' ', '#', '"', "'", '$', '\\', '`', '\t', 'é', TOKEN];

    it('changes only the assignment lines and leaves exactly the new value', () => {
      for (let seed = 1; seed <= 200; seed++) {
        const random = generator(seed);
        const withVariable = random() < 0.6;
        const count = Math.floor(random() * 12);
        let before = random() < 0.2 ? BOM : '';
        for (let i = 0; i < count; i++) {
          const line = withVariable && random() < 0.25 ? pick(random, ASSIGNMENT_LINES) : pick(random, OTHER_LINES);
          const last = i === count - 1;
          before += line + (last && random() < 0.4 ? '' : pick(random, ENDINGS));
        }
        let value = '';
        const length = Math.floor(random() * 6);
        for (let i = 0; i < length; i++) value += pick(random, VALUE_PIECES);
        const context = `seed ${seed}: ${JSON.stringify(before)} <- ${JSON.stringify(value)}`;

        const oldAssignments = assignments(before);
        const result = setEnvVariable(before, NAME, value);
        const newAssignments = assignments(result.text);

        assert.ok(newAssignments.length >= 1, context);
        assert.deepEqual(
          valuesOf(result.text),
          newAssignments.map(() => value),
          context,
        );
        assert.deepEqual(
          result.lines,
          newAssignments.map((found) => found.line),
          context,
        );

        const keptBefore = withoutAssignments(before);
        const keptAfter = withoutAssignments(result.text);
        if (oldAssignments.length === 0) {
          assert.equal(result.change, 'added', context);
          assert.equal(newAssignments.length, 1, context);
          assert.ok(keptAfter.startsWith(keptBefore), context);
          const gained = keptAfter.slice(keptBefore.length);
          const hadEnding = linesOf(before).at(-1)?.[1] !== '';
          assert.ok(gained === '' ? hadEnding : /^\r?\n$/.test(gained) && !hadEnding, context);
          assert.equal(result.lines[0], linesOf(result.text).length, `${context}: the new line is the last`);
        } else {
          assert.equal(keptAfter, keptBefore, context);
          assert.equal(result.change, result.text === before ? 'unchanged' : 'replaced', context);
          assert.deepEqual(
            newAssignments.map((found) => found.line),
            oldAssignments.map((found) => found.line),
            context,
          );
          assert.deepEqual(
            linesOf(result.text).map(([, ending]) => ending),
            linesOf(before).map(([, ending]) => ending),
            `${context}: line endings moved`,
          );
        }

        const again = setEnvVariable(result.text, NAME, value);
        assert.deepEqual(again, { text: result.text, change: 'unchanged', lines: result.lines }, `${context}: a second write changes nothing`);
      }
    });
  });
});
