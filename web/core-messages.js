// What the core's error codes mean, worded here: the wasm core returns only
// code, field and index (its message text stays out of the download; native
// builds keep it, see src/core/error.h). A message names the option, never
// its value; docs/bad-input.md and the README's error table say more.
const MESSAGES = {
  ERR_MISSING_FIELD: 'is required',
  ERR_EMPTY_KEY: 'must name an object',
  ERR_CONTROL_CHARACTER: 'has a control character',
  ERR_INVALID_UTF8: 'is not UTF-8',
  ERR_INVALID_KEY_TIME: 'must be "start;end" in unix seconds',
  ERR_TIME_ORDER: 'must end after it starts',
  ERR_INVALID_METHOD: 'must be letters only',
  ERR_INVALID_NAME: 'is not a valid name',
  ERR_INVALID_VALUE: 'must be ASCII, not space-padded',
  ERR_DUPLICATE_NAME: 'appears twice',
  ERR_RESERVED_NAME: 'is set by the signature',
  ERR_DOT_SEGMENT: 'has a . or .. segment',
  ERR_TOO_LARGE: 'is too large: split the batch',
  ERR_KEY_TOO_LONG: 'is too long',
  ERR_EXPIRES_TOO_LONG: 'is over 7 days',
};

export function coreMessage(code) {
  return MESSAGES[code] ?? `is invalid (${code})`;
}
