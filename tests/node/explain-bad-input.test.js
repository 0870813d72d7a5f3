// Every row of docs/bad-input.md's explainUrl table is a test: bad input
// rejects with its code and a message that names the field and never the
// secret or the value; good input resolves (and verifies where the table
// says so).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { init, explainUrl, InvalidArgumentError } from 'cos-presign/sigv4';

const SECRET = 'explain-bad-input-secret-never-shown';
const START = 1_800_000_000;
const MiB = 2 ** 20;

function readTable() {
  const doc = readFileSync(new URL('../../docs/bad-input.md', import.meta.url), 'utf8');
  const entries = [];
  for (const line of doc.split('\n')) {
    const cells = line.split('|').slice(1, -1).map((c) => c.trim());
    if (cells.length !== 8 || cells[0] !== 'explainUrl') continue;
    for (const cell of cells.slice(2)) {
      for (const m of cell.matchAll(/`([^`]+)`\s*→\s*(ERR_[A-Z0-9_]+|explained|verified)/g)) entries.push({ option: cells[1], expr: m[1], expected: m[2] });
    }
  }
  return entries;
}

const entries = readTable();
const signer = await init();
const helpers = {
  MiB, START, SECRET,
  COS_URL: signer.presignUrl({ secretId: 'AKIDexample', secretKey: SECRET, sessionToken: 'tok', bucket: 'examplebucket-1250000000', region: 'ap-guangzhou', key: 'a b.txt', startTime: START, expires: 600 }),
  V4_URL: signer.presignUrlV4({ accessKeyId: 'AKIAEXAMPLE', secretAccessKey: SECRET, region: 'us-east-1', bucket: 'photos', key: 'a b.txt', date: START, expires: 600 }),
  params: (n) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`p${i}`, `v${i}`])),
  headerList: (n) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`x-cos-h${i}`, `v${i}`])),
};
const evaluate = (expr) => new Function(...Object.keys(helpers), `return (${expr});`)(...Object.values(helpers));

test('docs/bad-input.md has explainUrl entries for the URL and every option', () => {
  const covered = new Set(entries.map((e) => e.option));
  for (const option of ['url', 'options', 'secretKey', 'method', 'headers', 'now', 'clockOffset']) assert.ok(covered.has(option), option);
  assert.ok(entries.length > 60, `${entries.length} entries`);
});

for (const entry of entries) {
  test(`docs/bad-input.md: explainUrl ${entry.option} ${entry.expr.slice(0, 60)} -> ${entry.expected}`, async () => {
    const value = evaluate(entry.expr);
    const base = { secretKey: SECRET, now: START + 1 };
    let call;
    if (entry.option === 'url') call = () => explainUrl(value, base);
    else if (entry.option === 'options') call = () => explainUrl(helpers.COS_URL, value);
    else call = () => explainUrl(helpers.COS_URL, { ...base, [entry.option]: value });
    if (entry.expected === 'explained' || entry.expected === 'verified') {
      const e = await call();
      assert.ok(e.kind === 'cos' || e.kind === 'sigv4');
      if (entry.expected === 'verified') assert.equal(e.verified, true, JSON.stringify(e.problems));
      assert.ok(!JSON.stringify(e).includes(SECRET), 'no secret in the explanation');
      return;
    }
    await assert.rejects(call(), (error) => {
      assert.ok(error instanceof InvalidArgumentError, String(error));
      assert.equal(error.code, entry.expected, error.message);
      assert.ok(error.message.startsWith('cos-presign: '));
      const field = entry.option === 'options' ? null : entry.option;
      if (field && !['ERR_INVALID_URL', 'ERR_NOT_PRESIGNED_URL'].includes(error.code)) assert.ok(error.message.includes(field === 'headers' ? 'header' : field), error.message);
      for (const text of [error.message, String(error), JSON.stringify(error), error.stack]) {
        assert.ok(!text.includes(SECRET), 'no secret in the error');
        if (typeof value === 'string' && value.length >= 8) assert.ok(!text.includes(value), 'the value is not echoed');
      }
      return true;
    });
  });
}
