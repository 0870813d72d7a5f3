// explainUrl is tree-shakable: an app that imports only `init` (or only
// `createPresigner`) from either browser entry bundles to exactly the same
// bytes as with an entry that does not export explainUrl at all, measured
// with esbuild as bench/sizes.js does. And explainUrl alone pulls in no wasm.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../..', import.meta.url));
const EXPORT_LINE = "export { explainUrl } from './explain.js';\n";

// An app importing `names` from web/<entry>, glue included, bundled and
// minified: { bytes, modules (those that put bytes in it) }. With
// `withoutExplain`, the entry is read without its explainUrl export.
async function appBundle(names, entry, withoutExplain) {
  const strip = {
    name: 'strip-explain',
    setup(b) {
      b.onLoad({ filter: /web[\\/]index(-sigv4)?\.js$/ }, (args) => {
        const source = readFileSync(args.path, 'utf8');
        assert.ok(source.includes(EXPORT_LINE), `${args.path} exports explainUrl`);
        return { contents: withoutExplain ? source.replace(EXPORT_LINE, '') : source, loader: 'js' };
      });
    },
  };
  const out = await build({
    stdin: { contents: `import { ${names} } from ${JSON.stringify(`${root}web/${entry}`)}; globalThis.x = [${names}];`, resolveDir: root },
    bundle: true, minify: true, format: 'esm', write: false, platform: 'browser', logLevel: 'silent', metafile: true, plugins: [strip],
  });
  const inputs = Object.values(out.metafile.outputs)[0].inputs;
  const modules = Object.keys(inputs).filter((name) => inputs[name].bytesInOutput > 0).sort();
  return { bytes: Buffer.from(out.outputFiles[0].contents), modules };
}

for (const entry of ['index.js', 'index-sigv4.js']) {
  for (const names of ['init', 'createPresigner']) {
    test(`an app importing only ${names} from web/${entry} does not grow by a byte`, async () => {
      const withExplain = await appBundle(names, entry, false);
      const without = await appBundle(names, entry, true);
      // The same modules and the same length (minified names may differ).
      assert.deepEqual(withExplain.modules, without.modules);
      assert.ok(!withExplain.modules.some((m) => m.includes('explain')), withExplain.modules.join(' '));
      assert.equal(withExplain.bytes.length, without.bytes.length);
      assert.ok(!withExplain.bytes.includes('UNSIGNED-PAYLOAD'), 'no explain code in the bundle');
    });
  }
}

test('explainUrl alone bundles without the wasm glue or the signer', async () => {
  const { bytes: bundle, modules } = await appBundle('explainUrl', 'index.js', false);
  const text = bundle.toString();
  assert.ok(!modules.some((m) => /dist|signer|load/.test(m)), modules.join(' '));
  assert.ok(!text.includes('handleRequest'), 'no signer');
  assert.ok(text.includes('UNSIGNED-PAYLOAD'));
  console.log(`explainUrl alone: ${bundle.length} bytes minified, ${gzipSync(bundle, { level: 9 }).length} gzip`);
});
