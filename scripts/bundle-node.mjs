// The package's Node entries, bundled, for `import` and for `require()`:
//   web/dist/node.mjs, node-sigv4.mjs   ESM ('cos-presign', 'cos-presign/sigv4'),
//                                       their common code in web/dist/node-shared.mjs
//   web/dist/node.cjs, node-sigv4.cjs   CommonJS, their error classes in
//                                       web/dist/node-errors.cjs
//   web/dist/index.d.cts, sigv4.d.cts   the types of web/*.d.ts for require()
// Node's ESM loader pays per module, and web/node.js pulls in two dozen (eleven cost 11.6 ms
// of import alone, against 3.3 ms bundled). Browsers and bundlers get the
// sources, which apps bundle.
//   node scripts/bundle-node.mjs      (scripts/build.sh wasm runs it)
import { build } from 'esbuild';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const NODE_BUNDLES = { 'web/node.js': 'web/dist/node.mjs', 'web/node-sigv4.js': 'web/dist/node-sigv4.mjs' };
export const CJS_BUNDLES = { 'web/node.js': 'web/dist/node.cjs', 'web/node-sigv4.js': 'web/dist/node-sigv4.cjs' };
const CJS_ERRORS = 'web/dist/node-errors.cjs';
const TYPES = { 'web/index.d.ts': 'web/dist/index.d.cts', 'web/sigv4.d.ts': 'web/dist/sigv4.d.cts' };

const ROOT = fileURLToPath(new URL('..', import.meta.url));

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  // The entries find the wasm next to the bundle instead of in ./dist/.
  define: { COS_PRESIGN_BUNDLED: 'true' },
  legalComments: 'none',
  logLevel: 'warning',
};

export function bundleNodeEntry({ root = ROOT, write = true } = {}) {
  return build({
    ...common,
    absWorkingDir: root,
    entryPoints: Object.entries(NODE_BUNDLES).map(([entry, bundle]) => ({ in: entry, out: bundle.replace(/\.mjs$/, '') })),
    outdir: '.',
    outExtension: { '.js': '.mjs' },
    // What both entries share (errors, presigner, wrapper) in one chunk, so
    // their error classes are the same classes.
    splitting: true,
    chunkNames: 'web/dist/node-shared',
    format: 'esm',
    write,
  });
}

// CommonJS cannot split chunks, so each require() entry is whole, but both
// take their error classes from one file: `instanceof InitError` holds for
// errors of either entry.
const sharedErrors = {
  name: 'shared-errors',
  setup(b) {
    b.onResolve({ filter: /^\.\/errors\.js$/ }, () => ({ path: './node-errors.cjs', external: true }));
  },
};

export async function bundleCommonJs({ root = ROOT, write = true } = {}) {
  const cjs = {
    ...common,
    absWorkingDir: root,
    format: 'cjs',
    // The wrapper and the Emscripten glue are ES modules that locate the wasm
    // with import.meta.url; in CommonJS that is this file's URL.
    define: { ...common.define, 'import.meta.url': '__cosPresignModuleUrl' },
    banner: { js: "'use strict';\nconst __cosPresignModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
    write,
  };
  const results = await Promise.all([
    ...Object.entries(CJS_BUNDLES).map(([entry, outfile]) => build({ ...cjs, entryPoints: [entry], outfile, plugins: [sharedErrors] })),
    build({ ...cjs, banner: { js: "'use strict';" }, entryPoints: ['web/errors.js'], outfile: CJS_ERRORS }),
  ]);
  return results;
}

// The hand-written declarations, as .d.cts for require(): the same text,
// with sigv4's import of './index.js' pointing at its .d.cts twin.
export async function commonJsTypes({ root = ROOT } = {}) {
  const out = {};
  for (const [from, to] of Object.entries(TYPES)) {
    const text = await readFile(join(root, from), 'utf8');
    out[to] = `// Generated from ${from} by scripts/bundle-node.mjs: the types of require('cos-presign${from.includes('sigv4') ? '/sigv4' : ''}').\n`
      + text.replaceAll("from './index.js'", "from './index.cjs'");
  }
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await bundleNodeEntry();
  await bundleCommonJs();
  for (const [file, text] of Object.entries(await commonJsTypes())) await writeFile(join(ROOT, file), text);
}
