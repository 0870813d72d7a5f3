// The package's Node entry as one file, web/dist/node.mjs: Node's ESM loader
// pays per module, and web/node.js pulls in eleven (11.6 ms of import alone,
// against 3.3 ms bundled). Browsers get the sources, which apps bundle.
//   node scripts/bundle-node.mjs      (scripts/build.sh wasm runs it)
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

export const NODE_BUNDLE = 'web/dist/node.mjs';

export function bundleNodeEntry({ root = fileURLToPath(new URL('..', import.meta.url)), write = true } = {}) {
  return build({
    absWorkingDir: root,
    entryPoints: ['web/node.js'],
    outfile: NODE_BUNDLE,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // web/node.js finds the wasm next to the bundle instead of in ./dist/.
    define: { COS_PRESIGN_BUNDLED: 'true' },
    legalComments: 'none',
    logLevel: 'warning',
    write,
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await bundleNodeEntry();
