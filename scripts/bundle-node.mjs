// The package's Node entries, bundled: web/dist/node.mjs ('cos-presign') and
// web/dist/node-sigv4.mjs ('cos-presign/sigv4'), their common code in one
// shared chunk, web/dist/node-shared.mjs. Node's ESM loader pays per module,
// and web/node.js pulls in eleven (11.6 ms of import alone, against 3.3 ms
// bundled). Browsers get the sources, which apps bundle.
//   node scripts/bundle-node.mjs      (scripts/build.sh wasm runs it)
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

export const NODE_BUNDLES = { 'web/node.js': 'web/dist/node.mjs', 'web/node-sigv4.js': 'web/dist/node-sigv4.mjs' };

export function bundleNodeEntry({ root = fileURLToPath(new URL('..', import.meta.url)), write = true } = {}) {
  return build({
    absWorkingDir: root,
    entryPoints: Object.entries(NODE_BUNDLES).map(([entry, bundle]) => ({ in: entry, out: bundle.replace(/\.mjs$/, '') })),
    outdir: '.',
    outExtension: { '.js': '.mjs' },
    // What both entries share (errors, presigner, wrapper) in one chunk, so
    // their error classes are the same classes.
    splitting: true,
    chunkNames: 'web/dist/node-shared',
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // The entries find the wasm next to the bundle instead of in ./dist/.
    define: { COS_PRESIGN_BUNDLED: 'true' },
    legalComments: 'none',
    logLevel: 'warning',
    write,
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await bundleNodeEntry();
