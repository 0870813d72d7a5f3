// Runs `fn` and checks that it throws an InvalidArgumentError with `code`,
// a message that names `field`, and none of `secrets` anywhere in the error.
import assert from 'node:assert/strict';
import { InvalidArgumentError, CosPresignError } from 'cos-presign';

export function expectInvalid(fn, code, field, secrets = []) {
  let error;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  assert.ok(error, `expected ${code}, got no error`);
  assert.ok(error instanceof InvalidArgumentError && error instanceof CosPresignError && error instanceof Error, String(error));
  assert.equal(error.code, code, error.message);
  if (field) assert.ok(error.message.includes(field), `message names ${field}: ${error.message}`);
  assert.ok(error.message.startsWith('cos-presign: '));
  for (const text of [error.message, String(error), JSON.stringify(error), error.stack]) {
    for (const secret of secrets) assert.ok(!text.includes(secret), 'no secret appears in the error');
  }
  return error;
}
