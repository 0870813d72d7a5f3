// Node entry: reads the wasm file from disk (3.1.6's glue cannot fetch a
// file path under Node); http(s) URLs are fetched.
import { readFile } from 'node:fs/promises';
import { makeInit } from './load.js';

export { CosPresignError, InvalidArgumentError, InitError } from './errors.js';

export const init = makeInit(
  () => new URL('./dist/cos-presign-core.wasm', import.meta.url),
  (url) => {
    const u = url instanceof URL ? url : new URL(url, 'file:///');
    return u.protocol === 'file:' ? readFile(u) : fetch(u);
  },
);
