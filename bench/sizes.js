// Bytes a browser downloads, gzip -9: ours (wrapper bundled and minified as
// an app's bundler would, glue as shipped, wasm), cos-js-sdk-v5's minified
// bundle, and aws4fetch's ESM build (already minified by its publisher? no:
// minified here the same way as our wrapper, for a fair count).
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('..', import.meta.url));
const gz = (buf) => gzipSync(buf, { level: 9 }).length;

async function minifiedBundle(entry, external = []) {
  const out = await build({
    entryPoints: [entry], bundle: true, minify: true, format: 'esm', write: false,
    platform: 'browser', external, logLevel: 'silent',
  });
  return Buffer.from(out.outputFiles[0].contents);
}

// An app that imports `names` from the package, bundled and minified: what
// its bundler ships of our JS (tree-shaken), without the glue.
async function appBundle(names, entry = 'index.js') {
  const out = await build({
    stdin: { contents: `import { ${names} } from ${JSON.stringify(`${root}web/${entry}`)}; globalThis.x = [${names}];`, resolveDir: root },
    bundle: true, minify: true, format: 'esm', write: false, platform: 'browser',
    external: ['./dist/cos-presign-core.mjs', './dist/cos-presign-core-sigv4.mjs'], logLevel: 'silent',
  });
  return Buffer.from(out.outputFiles[0].contents);
}

export async function downloadSizes() {
  const dist = (name) => readFileSync(`${root}web/dist/${name}`);
  const sdk = readFileSync(require.resolve('cos-js-sdk-v5/dist/cos-js-sdk-v5.min.js'));
  const aws4fetch = await minifiedBundle(require.resolve('aws4fetch').replace(/cjs\.js$/, 'esm.mjs'));
  // A module: its glue and wasm ('cos-presign-core' for COS, '-sigv4' adds SigV4).
  const app = (wrapper, module = 'cos-presign-core') => {
    const glue = dist(`${module}.mjs`);
    const wasm = dist(`${module}.wasm`);
    return { wrapper: gz(wrapper), glue: gz(glue), wasm: gz(wasm), total: gz(wrapper) + gz(glue) + gz(wasm),
      raw: wrapper.length + glue.length + wasm.length };
  };
  return {
    // The signer alone (init + presignUrl/presignUrls), and a page using the presigner.
    ours: app(await appBundle('init')),
    oursPresigner: app(await appBundle('createPresigner')),
    // The same signer from 'cos-presign/sigv4': COS and SigV4.
    oursSigV4: app(await appBundle('init', 'index-sigv4.js'), 'cos-presign-core-sigv4'),
    cosJsSdk: { total: gz(sdk), raw: sdk.length },
    aws4fetch: { total: gz(aws4fetch), raw: aws4fetch.length },
  };
}
