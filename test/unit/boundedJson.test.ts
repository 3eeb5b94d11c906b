import * as assert from 'node:assert/strict';
import { MAX_JSON_DEPTH, parseBoundedJson } from '../../src/core/boundedJson';

const nested = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth);

describe('parseBoundedJson', () => {
  it('parses nesting up to the limit and refuses one level more', () => {
    assert.deepEqual(parseBoundedJson(nested(MAX_JSON_DEPTH)).ok, true);
    assert.deepEqual(parseBoundedJson(nested(MAX_JSON_DEPTH + 1)), { ok: false, problem: 'too_deep' });
    assert.deepEqual(parseBoundedJson(`{"a":${nested(MAX_JSON_DEPTH)}}`), { ok: false, problem: 'too_deep' });
  });

  it('counts no bracket inside a string, however many there are', () => {
    const text = JSON.stringify({ note: '{['.repeat(500), list: [[['x']]] });
    const parsed = parseBoundedJson(text);
    assert.ok(parsed.ok);
    assert.deepEqual((parsed.value as { list: unknown }).list, [[['x']]]);
  });

  it('measures shallow text with many brackets, and deep text hidden after many shallow ones', () => {
    const wide = JSON.stringify(Array.from({ length: 300 }, () => ({ a: [1] })));
    assert.equal(parseBoundedJson(wide).ok, true);
    assert.deepEqual(parseBoundedJson(`[${'{"a":1},'.repeat(100)}${nested(MAX_JSON_DEPTH)}]`), { ok: false, problem: 'too_deep' });
  });

  it('tells empty and invalid text apart', () => {
    for (const empty of ['', '  ', '\r\n\t']) assert.deepEqual(parseBoundedJson(empty), { ok: false, problem: 'empty' }, JSON.stringify(empty));
    assert.deepEqual(parseBoundedJson(' x '), { ok: false, problem: 'invalid' });
    assert.deepEqual(parseBoundedJson('{"session":'), { ok: false, problem: 'invalid' });
  });
});
