// The tarball `npm pack` makes: everything its exports map names, what those
// files import, README, LICENSE and package.json, and nothing else; and a
// clone that was never built never packs without its wasm.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import { exportedFiles } from '../../scripts/package-files.mjs';
import { packed, ROOT } from './helpers/package.js';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

// Relative imports of a shipped JS or declaration file.
function importsOf(path, text) {
  const found = [];
  for (const [, spec] of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*)["'](\.{1,2}\/[^"']+)["']/g)) {
    let target = posix.normalize(posix.join(posix.dirname(path), spec));
    if (path.endsWith('.d.ts') || path.endsWith('.d.cts')) target = target.replace(/\.js$/, '.d.ts').replace(/\.cjs$/, '.d.cts');
    found.push(target);
  }
  return found;
}

test('the tarball holds what every exports entry names and what those files import, README, LICENSE and nothing else', () => {
  const { tarball, files, size } = packed();
  const paths = files.map((f) => f.path).sort();
  const extract = mkdtempSync(join(tmpdir(), 'cos-presign-tarball-'));
  try {
    execFileSync('tar', ['-xzf', tarball, '-C', extract]);
    const read = (p) => readFileSync(join(extract, 'package', p), 'utf8');
    // Everything reachable from the exports map.
    const reachable = new Set(['package.json', 'README.md', 'LICENSE']);
    const queue = exportedFiles(pkg);
    while (queue.length) {
      const f = queue.pop();
      if (reachable.has(f)) continue;
      reachable.add(f);
      assert.ok(paths.includes(f), `${f} is named by exports or imported by a shipped file, but not packed`);
      if (/\.(m|c)?js$|\.d\.c?ts$/.test(f)) queue.push(...importsOf(f, read(f)));
    }
    assert.deepEqual(paths, [...reachable].sort(), 'exactly the reachable files');
    assert.match(read('LICENSE'), /Apache License\s+Version 2\.0/);
    assert.equal(JSON.parse(read('package.json')).license, 'Apache-2.0');
    for (const p of paths) assert.doesNotMatch(p, /^(src|tests|bench|scripts|docs|web\/demo)\/|testing\.js$|\.cpp$|\.h$/, p);
    // The wasm modules are the ones this build made.
    for (const w of ['cos-presign-core.wasm', 'cos-presign-core-sigv4.wasm']) {
      assert.deepEqual(readFileSync(join(extract, 'package/web/dist', w)), readFileSync(join(ROOT, 'web/dist', w)), w);
    }
    console.log(`# tarball: ${paths.length} files, ${size} bytes: ${paths.join(' ')}`);
  } finally {
    rmSync(extract, { recursive: true, force: true });
  }
});

// A copy of the package's files as an unbuilt clone has them (no web/dist/),
// with the build replaced by one that cannot work here, as on a machine
// without Emscripten: `npm pack` must stop, name what is missing and make no
// tarball; and with a build that makes only part of it, still no tarball.
test('an unbuilt clone never packs without its wasm: prepack builds, and stops naming what is missing when it cannot', () => {
  const clone = mkdtempSync(join(tmpdir(), 'cos-presign-unbuilt-'));
  try {
    cpSync(join(ROOT, 'package.json'), join(clone, 'package.json'));
    cpSync(join(ROOT, 'README.md'), join(clone, 'README.md'));
    cpSync(join(ROOT, 'LICENSE'), join(clone, 'LICENSE'));
    for (const f of ['prepack.mjs', 'package-files.mjs', 'bundle-node.mjs']) cpSync(join(ROOT, 'scripts', f), join(clone, 'scripts', f));
    for (const f of readdirSync(join(ROOT, 'web'))) if (/\.(js|d\.ts)$/.test(f)) cpSync(join(ROOT, 'web', f), join(clone, 'web', f));
    assert.ok(!existsSync(join(clone, 'web/dist')));

    const pack = () => spawnSync('npm', ['pack', '--json', '--pack-destination', clone], { cwd: clone, encoding: 'utf8', env: { ...process.env, NODE_PATH: join(ROOT, 'node_modules') } });
    const tarballs = () => readdirSync(clone).filter((f) => f.endsWith('.tgz'));

    writeFileSync(join(clone, 'scripts/build.sh'), 'echo "build: emcc: command not found" >&2; exit 127\n');
    const failed = pack();
    assert.notEqual(failed.status, 0, 'npm pack fails');
    assert.match(failed.stderr, /prepack: not built yet \(missing [^)]*web\/dist\/cos-presign-core\.wasm/);
    assert.match(failed.stderr, /the build failed \(see above\); no package was made/);
    assert.match(failed.stderr, /emcc: command not found/, 'the build\'s own message is shown');
    assert.deepEqual(tarballs(), []);

    // A "build" that makes the glue and bundles but not the SigV4 wasm.
    writeFileSync(join(clone, 'scripts/build.sh'), [
      'mkdir -p web/dist',
      'for f in cos-presign-core.mjs cos-presign-core.wasm cos-presign-core-sigv4.mjs; do echo > web/dist/$f; done',
      'for f in node.mjs node-sigv4.mjs node-shared.mjs node.cjs node-sigv4.cjs node-errors.cjs index.d.cts sigv4.d.cts; do echo > web/dist/$f; done',
    ].join('\n'));
    const partial = pack();
    assert.notEqual(partial.status, 0);
    assert.match(partial.stderr, /still missing after the build: web\/dist\/cos-presign-core-sigv4\.wasm; no package was made/);
    assert.deepEqual(tarballs(), []);
  } finally {
    rmSync(clone, { recursive: true, force: true });
  }
});
