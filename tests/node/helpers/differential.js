// The differential properties against the official SDKs, shared by the
// fixed-seed test (tests/node/differential.test.js, part of npm test) and the
// long-running fuzzer (tests/fuzz/differential.js, npm run fuzz:diff).
// Each property throws a DifferentialMismatch with the exact call that
// disagrees, so a shrunk counterexample is a ready-made reproducer.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CosJs, CosNode } from './sdk.js';
import { verifyCosUrl } from './cos-url.js';
import * as arb from './arbitraries.js';

export const BUCKET = 'examplebucket-1250000000';
export const REGION = 'ap-guangzhou';
export const HOST = `${BUCKET}.cos.${REGION}.myqcloud.com`;

// JS source for a value, non-ASCII escaped so it survives any terminal.
export function source(value) {
  return JSON.stringify(value, null, 2).replace(/[^\x20-\x7e\n]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function check(ok, what, details) {
  if (!ok) {
    const error = new Error(`${what}\n${details}`);
    error.name = 'DifferentialMismatch';
    throw error;
  }
}

// authorization() equals COS.getAuthorization() of cos-js-sdk-v5 and of cos-nodejs-sdk-v5.
export function authorizationProperty(signer) {
  return fc.property(arb.secretId, arb.secretKey, arb.method, arb.objectKey, arb.keyTime, arb.query, arb.headers,
    (secretId, secretKey, method, key, keyTime, query, headers) => {
      const options = { secretId, secretKey, method, key, keyTime, query, headers };
      const ours = signer.authorization(options);
      const sdkInput = { SecretId: secretId, SecretKey: secretKey, Method: method, Key: key, KeyTime: keyTime, Query: query, Headers: headers };
      for (const [name, sdk] of [['cos-js-sdk-v5', CosJs], ['cos-nodejs-sdk-v5', CosNode]]) {
        const theirs = sdk.getAuthorization(sdkInput);
        check(ours === theirs, `authorization() differs from ${name} COS.getAuthorization()`,
          `signer.authorization(${source(options)})\n  ours:   ${ours}\n  theirs: ${theirs}`);
      }
    });
}

// Every pre-signed URL verifies with the signature cos-nodejs-sdk-v5
// recomputes from the URL as a server parses it, and carries exactly the key,
// the token and the query it was given (signed headers included).
export function presignUrlProperty(signer) {
  return fc.property(arb.secretId, arb.secretKey, arb.sessionToken, arb.objectKey, arb.keyTime, arb.query, arb.headers,
    (secretId, secretKey, sessionToken, key, keyTime, query, headers) => {
      const options = { secretId, secretKey, sessionToken, bucket: BUCKET, region: REGION, key, keyTime, query, headers };
      const url = signer.presignUrl(options);
      const where = `signer.presignUrl(${source(options)})\n  url: ${url}`;
      check(/^[\x21-\x7e]+$/.test(url), 'the URL is not printable ASCII', where);
      const v = verifyCosUrl(url, { secretKey, headers });
      check(v.ok, `cos-nodejs-sdk-v5 does not verify the URL: ${v.reason}`, `${where}\n  sdk:  ${v.expected}`);
      check(v.key === '/' + key.replace(/^\//, ''), 'the decoded path is not the key', `${where}\n  path: ${v.key}`);
      check(v.host === HOST, 'wrong host', where);
      check(v.token === (sessionToken === '' ? undefined : sessionToken), 'the token does not round-trip', where);
      const expectedQuery = Object.fromEntries(Object.entries(query).map(([n, val]) => [n, val === null ? '' : String(val)]));
      try {
        assert.deepEqual(v.query, expectedQuery);
      } catch {
        check(false, 'the URL does not carry exactly the query given', `${where}\n  parsed: ${source(v.query)}`);
      }
    });
}
