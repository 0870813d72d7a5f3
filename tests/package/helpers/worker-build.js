// Bundles a Worker as Cloudflare's wrangler does: esbuild with the workerd
// conditions, and every imported .wasm kept as a separate module file next to
// the bundle (wrangler's module rules: CompiledWasm), resolved through the
// package's exports map. No defines, no patches of the package.
import { build } from 'esbuild';
import { copyFile, mkdir } from 'node:fs/promises';
import { basename, join } from 'node:path';

export async function bundleWorker({ dir, entry, outdir }) {
  await mkdir(outdir, { recursive: true });
  const wasmModules = {
    name: 'wasm-modules',
    setup(b) {
      b.onResolve({ filter: /\.wasm$/ }, async (args) => {
        if (args.pluginData === 'wasm') return undefined;
        const found = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, pluginData: 'wasm' });
        if (found.errors.length) return { errors: found.errors };
        await copyFile(found.path, join(outdir, basename(found.path)));
        return { path: `./${basename(found.path)}`, external: true };
      });
    },
  };
  await build({
    absWorkingDir: dir,
    entryPoints: [entry],
    outfile: join(outdir, 'worker.mjs'),
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    conditions: ['workerd', 'worker', 'browser'],
    mainFields: ['browser', 'module', 'main'],
    target: 'es2022',
    plugins: [wasmModules],
    logLevel: 'silent',
  });
  return join(outdir, 'worker.mjs');
}
