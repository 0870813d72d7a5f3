// One explanation format, two implementations: the CLI's C++ explain (built
// natively on the core) prints, byte for byte, the JSON the package's
// explainUrl (plain JS on WebCrypto) returns, over package, SDK and mangled
// links (tests/node/helpers/explain-parity.js has the corpus).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { explainUrl } from 'cos-presign';
import { explainParity } from './helpers/explain-parity.js';

test('cos-presign explain --json prints what explainUrl returns', { timeout: 120_000 }, async () => {
  assert.deepEqual(await explainParity(explainUrl), []);
});
