// Browser, worker and bundler entry: the wasm file is fetched next to this
// module unless the app passes its own URL, bytes or WebAssembly.Module.
import { makeInit } from './load.js';

export { CosPresignError, InvalidArgumentError, InitError } from './errors.js';

export const init = makeInit(
  () => new URL('./dist/cos-presign-core.wasm', import.meta.url),
  (url) => fetch(url, { credentials: 'same-origin' }),
);
