// What the package must contain: every file its `exports` map names (each
// entry's types, browser, Node ESM and require() files, the wasm subpaths).
// Used by prepack (never pack without them) and by tests/package/.
import { readFileSync } from 'node:fs';

/** Every file path (without "./") that package.json's exports map names. */
export function exportedFiles(pkg) {
  const found = new Set();
  const walk = (v) => {
    if (typeof v === 'string') found.add(v.replace(/^\.\//, ''));
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(pkg.exports);
  return [...found].sort();
}

export function readPackageJson(root) {
  return JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
}
