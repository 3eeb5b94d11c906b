import * as assert from 'node:assert/strict';
import { FULL_MASK, maskWithPrefix, redactText } from '../../src/core';

describe('redaction', () => {
  const token = 'c56f382b402fb482086db956064592d3cd012bba';

  it('keeps a short prefix of tokens and keys, nothing of short values', () => {
    assert.equal(maskWithPrefix(token), 'c56f38…');
    assert.equal(maskWithPrefix('7quWEh-k6TqghXe'), '7qu…', 'at most a quarter of a value shows');
    assert.equal(maskWithPrefix('short'), FULL_MASK);
  });

  it('masks every known secret wherever it appears', () => {
    const text = `key 7quWEh-k6TqghXe secret s3cr3t-value pass hunter2!! token ${token} again ${token}`;
    const out = redactText(text, { whole: ['s3cr3t-value', 'hunter2!!'], prefixed: ['7quWEh-k6TqghXe', token] });
    for (const secret of ['7quWEh-k6TqghXe', 's3cr3t-value', 'hunter2!!', token]) assert.ok(!out.includes(secret), `${secret} leaked: ${out}`);
    assert.match(out, /c56f38… again c56f38…/);
    assert.ok(!out.includes('s3cr'), 'an auth secret keeps no prefix');
  });

  it('masks secret-named fields even when their values are not known', () => {
    const json = JSON.stringify({ session: { token, user_id: 5 }, user: { login: 'Mike', password: 'p@ss-word' }, keys: { secret: 'fb-secret-value' } });
    const out = redactText(json);
    assert.ok(!out.includes(token) && !out.includes('p@ss-word') && !out.includes('fb-secret-value'), out);
    assert.match(out, /"login":"Mike"/);
    assert.match(out, /"user_id":5/);
    assert.match(out, /"password":"••••••••"/);
  });

  it('masks string-to-sign pairs and QB-Token headers', () => {
    const text = `application_id=1&auth_key=7quWEh-k6TqghXe&user[login]=Mike&user[password]=!mike123\nQB-Token: ${token}`;
    const out = redactText(text);
    assert.ok(!out.includes('7quWEh-k6TqghXe') && !out.includes('!mike123') && !out.includes(token), out);
    assert.match(out, /user\[login\]=Mike/);
    assert.match(out, /application_id=1/);
  });

  it('leaves text without secrets alone', () => {
    const text = 'POST https://api.quickblox.com/session.json 201 in 84 ms';
    assert.equal(redactText(text), text);
  });
});
