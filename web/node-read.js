// How the Node entries read a wasm URL: file: URLs (and paths) from disk,
// since 3.1.6's glue cannot fetch a file path under Node; http(s) fetched.
import { readFile } from 'node:fs/promises';

export function readWasm(url) {
  const u = url instanceof URL ? url : new URL(url, 'file:///');
  return u.protocol === 'file:' ? readFile(u) : fetch(u);
}
