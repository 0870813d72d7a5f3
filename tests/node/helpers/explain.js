// explainUrl with the checks every call in the tests gets: the result is
// plain JSON, has the documented fields in the documented order, and
// neither it nor its messages contain the secret key or a key derived from
// it (COS SignKey, computed here with node:crypto).
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { explainUrl } from 'cos-presign';

const FIELDS = ['kind', 'method', 'host', 'bucket', 'region', 'key', 'accessKeyId', 'start', 'end', 'now', 'secondsLeft',
  'signedHeaders', 'signedParams', 'unsignedParams', 'canonical', 'signature'];

export async function explain(url, options = {}) {
  const result = await explainUrl(url, options);
  const json = JSON.stringify(result);
  assert.deepEqual(JSON.parse(json), result, 'the explanation is plain JSON');
  const fields = [...FIELDS, ...(options.secretKey === undefined ? [] : ['verified']), 'problems'];
  assert.deepEqual(Object.keys(result), fields, 'fields in the documented order');
  assert.deepEqual(Object.keys(result.canonical), result.kind === 'cos' ? ['httpString', 'stringToSign'] : ['canonicalRequest', 'stringToSign', 'credentialScope']);
  for (const p of result.problems) assert.deepEqual(Object.keys(p), ['code', 'field', 'message']);
  if (options.secretKey !== undefined) {
    const needles = [options.secretKey];
    const keyTime = new URL(url).searchParams.get('q-key-time');
    if (keyTime) needles.push(createHmac('sha1', options.secretKey).update(keyTime).digest('hex'));
    // A short generated secret may be part of the link itself ("a"): only
    // what the explanation without the secret lacks must stay absent.
    const { secretKey, ...rest } = options;
    const without = JSON.stringify(await explainUrl(url, rest));
    for (const needle of needles) {
      if (!without.includes(needle)) assert.ok(!json.includes(needle), 'no secret in the explanation');
    }
  }
  return result;
}

/** The problem codes, in order. */
export const codes = (result) => result.problems.map((p) => p.code);

/** Query parameters as an explanation lists them, from the `query` option that made the URL. */
export function paramsOf(query) {
  return Object.entries(query).map(([name, value]) => ({ name, value: value === null ? null : String(value) }));
}
