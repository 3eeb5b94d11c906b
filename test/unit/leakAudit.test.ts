import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { auditFiles, knownSecrets, mask } from '../harness/leakAudit';
import { logPayload, snappyBlocksOfTable, snappyDecompress } from '../harness/leveldbTable';
import type { Sandbox } from '../sandbox/server';
import { defaultFixtures } from '../sandbox/fixtures';

const SECRET = 'demo-Secret-K9r2mTz';

function varint(value: number): number[] {
  const bytes: number[] = [];
  while (value >= 0x80) {
    bytes.push((value & 0x7f) | 0x80);
    value = Math.floor(value / 128);
  }
  bytes.push(value);
  return bytes;
}

/** Snappy of `text` as one literal (long-literal form when needed). */
function snappyLiteral(text: string): Buffer {
  const body = Buffer.from(text, 'latin1');
  const n = body.length - 1;
  const tag = n < 60 ? [n << 2] : n < 256 ? [60 << 2, n] : [61 << 2, n & 0xff, n >> 8];
  return Buffer.concat([Buffer.from([...varint(body.length), ...tag]), body]);
}

/** "demo-Secret-AAAA|" then a copy of its first 12 bytes, then "K9r2mTz": the secret only exists decompressed. */
function snappyWithCopy(): Buffer {
  return Buffer.concat([Buffer.from([36, 16 << 2]), Buffer.from('demo-Secret-AAAA|'), Buffer.from([(11 << 2) | 2, 17, 0, 6 << 2]), Buffer.from('K9r2mTz')]);
}

/** A minimal LevelDB table: one Snappy data block, an index block pointing at it, an empty metaindex. */
function table(block: string | Buffer): Buffer {
  const trailer = (type: number): Buffer => Buffer.from([type, 0, 0, 0, 0]);
  const data = typeof block === 'string' ? snappyLiteral(block) : block;
  const handle = Buffer.from([...varint(0), ...varint(data.length)]);
  const restarts = Buffer.from([0, 0, 0, 0, 1, 0, 0, 0]);
  const index = Buffer.concat([Buffer.from([0, 1, handle.length]), Buffer.from('k'), handle, restarts]);
  const indexAt = data.length + 5;
  const metaAt = indexAt + index.length + 5;
  const emptyBlock = restarts;
  const handles = Buffer.from([...varint(metaAt), ...varint(emptyBlock.length), ...varint(indexAt), ...varint(index.length)]);
  const footer = Buffer.concat([handles, Buffer.alloc(40 - handles.length), Buffer.from([0x57, 0xfb, 0x80, 0x8b, 0x24, 0x75, 0x47, 0xdb])]);
  return Buffer.concat([data, trailer(1), index, trailer(0), emptyBlock, trailer(0), footer]);
}

describe('leak audit', () => {
  it('decompresses Snappy literals and overlapping copies', () => {
    // "abcd", then a copy of 8 bytes from 4 back (overlapping itself).
    assert.equal(snappyDecompress(Buffer.from([12, 0x0c, 0x61, 0x62, 0x63, 0x64, 0x11, 0x04])).toString(), 'abcdabcdabcd');
    const long = 'x'.repeat(100) + SECRET;
    assert.equal(snappyDecompress(snappyLiteral(long)).toString(), long);
  });

  it('finds text inside the Snappy blocks of a LevelDB table, and nothing in what is not a table', () => {
    const blocks = snappyBlocksOfTable(table(`key\u0000${SECRET}`));
    assert.equal(blocks.length, 1);
    assert.ok(blocks[0].includes(SECRET));
    assert.equal(snappyDecompress(snappyWithCopy()).toString(), `demo-Secret-AAAA|${SECRET}`);
    assert.equal(table(snappyWithCopy()).indexOf(SECRET), -1);
    assert.ok(snappyBlocksOfTable(table(snappyWithCopy()))[0].includes(SECRET));
    assert.deepEqual(snappyBlocksOfTable(Buffer.from('not a table at all, just some text that is long enough to have a footer')), []);
  });

  it('joins LevelDB log records that a 32 KiB block boundary cuts', () => {
    const first = 32768 - 7;
    const payload = Buffer.concat([Buffer.alloc(first - 5, 0x20), Buffer.from(SECRET)]);
    const header = (length: number, type: number): Buffer => Buffer.from([0, 0, 0, 0, length & 0xff, length >> 8, type]);
    const log = Buffer.concat([header(first, 2), payload.subarray(0, first), header(payload.length - first, 4), payload.subarray(first)]);
    assert.equal(log.indexOf(SECRET), -1, 'the raw bytes do not hold it in one piece');
    assert.ok(logPayload(log).includes(SECRET));
  });

  it('collects the fixtures and every issued session token (ended ones too) as secrets, without duplicates', () => {
    const sandbox = {
      fixtures: defaultFixtures(),
      issuedSessions: () => [{ id: 1, token: 'f'.repeat(40), applicationId: 4242, userId: 0 }],
    } as unknown as Sandbox;
    const secrets = knownSecrets(sandbox, [{ label: 'again', value: SECRET }]);
    assert.ok(secrets.some((secret) => secret.value === SECRET && secret.label === 'demo auth secret'));
    assert.ok(secrets.some((secret) => secret.value === 'demo-fb-secret-bob'));
    assert.ok(secrets.some((secret) => secret.value === 'f'.repeat(40)));
    assert.equal(new Set(secrets.map((secret) => secret.value)).size, secrets.length);
    assert.equal(mask('f'.repeat(40)), 'ffffff…');
  });

  it('counts UTF-8 and UTF-16LE hits, reports SecretStorage apart, scans pending text and checks canaries', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'qb-leak-test-'));
    try {
      const area = path.join(root, 'area');
      const storage = path.join(area, 'Local Storage');
      fs.mkdirSync(storage, { recursive: true });
      fs.writeFileSync(path.join(area, 'plain.log'), `token ${SECRET} here, and Canary Name`);
      fs.writeFileSync(path.join(area, 'wide.bin'), Buffer.from(`x${SECRET}x`, 'utf16le'));
      fs.writeFileSync(path.join(area, 'clean.txt'), `masked ${mask(SECRET)} only`);
      fs.writeFileSync(path.join(storage, 'secrets'), SECRET);
      fs.writeFileSync(path.join(area, 'data.ldb'), table(snappyWithCopy()));
      const figuresFile = path.join(root, 'figures', 'leaks.json');
      const report = auditFiles({
        tier: 'unit',
        secrets: [{ label: 'the auth secret', value: SECRET }],
        areas: [{ name: 'area', root: area }],
        secretStorageDir: storage,
        pending: { 'results.json': `{"error":"${SECRET}"}` },
        canaries: [
          { label: 'name', value: 'Canary Name', areas: ['area'] },
          { label: 'absent', value: 'Nowhere To Be Found', areas: ['area'] },
        ],
        figuresFile,
        quiet: true,
      });
      const where = report.leaks.map((leak) => `${path.basename(leak.file.split(' ')[0])}:${leak.encoding}`).sort();
      assert.deepEqual(where, ['data.ldb:utf8', 'plain.log:utf8', 'results.json:utf8', 'wide.bin:utf16le']);
      assert.equal(report.hits, 4);
      assert.equal(report.secretStorage.files, 1);
      assert.equal(report.secretStorage.plaintextHits, 1);
      assert.equal(report.levelDb.tables, 1);
      assert.equal(report.leaks.find((leak) => leak.file.endsWith('data.ldb'))?.decompressed, true);
      assert.deepEqual(
        report.canaries.map((canary) => canary.missingFrom),
        [[], ['area']],
      );
      assert.ok(report.leaks.every((leak) => leak.masked === mask(SECRET)));
      assert.equal((JSON.parse(fs.readFileSync(figuresFile, 'utf8')) as { hits: number }).hits, 4);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
