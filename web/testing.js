// Test-only access to internals (not exported by the package's "exports" map,
// so apps cannot import it by package name; tests import it by path).
//
//   linearMemory(signer) -> Uint8Array over the whole wasm linear memory, as
//                           it is now (a new view after memory growth).
//
// The hook is a non-enumerable, Symbol-keyed getter on Signer: it does not show
// in Object.keys, JSON.stringify or for...in, and gives tests nothing that
// changes behaviour.
import { LINEAR_MEMORY } from './internal.js';

export function linearMemory(signer) {
  const heap = signer[LINEAR_MEMORY];
  if (!(heap instanceof Uint8Array)) throw new TypeError('not a cos-presign Signer');
  return new Uint8Array(heap.buffer);
}
