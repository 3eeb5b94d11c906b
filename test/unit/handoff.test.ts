import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { curlCommand, shellQuote, tokenHeader } from '../../src/core';

describe('token hand-off text', () => {
  const token = 'c56f382b402fb482086db956064592d3cd012bba';

  it('writes the QB-Token header', () => {
    assert.equal(tokenHeader(token), `QB-Token: ${token}`);
  });

  it('quotes for a POSIX shell so that the shell reads back the same text', () => {
    for (const text of ["it's", 'a b', '$HOME', '`id`', '"q"', "'", '', 'x\\y', 'https://api.quickblox.com/session.json']) {
      const echoed = execFileSync('sh', ['-c', `printf '%s' ${shellQuote(text)}`]).toString();
      assert.equal(echoed, text);
    }
  });

  it('builds a cURL command for GET /session.json that a shell splits into the right words', () => {
    const command = curlCommand('https://api.example.com/', token);
    assert.match(command, /^curl /);
    const words = execFileSync('sh', ['-c', `for word in ${command.slice('curl '.length)}; do printf '%s\\n' "$word"; done`]).toString().trim().split('\n');
    assert.deepEqual(words, ['-sS', 'https://api.example.com/session.json', '-H', 'Accept: application/json', '-H', `QB-Token: ${token}`]);
  });
});
