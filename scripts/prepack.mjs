// npm pack / npm publish / a git install run this first: a package without
// its wasm, glue or bundled entries must never be made. Builds what is
// missing (scripts/build.sh wasm; that needs Emscripten and the mbedTLS
// source, which scripts/setup.sh installs on Debian), refreshes the Node
// bundles from the current sources, then checks that every file the exports
// map names is there, or stops naming what is not.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { exportedFiles, readPackageJson } from './package-files.mjs';

const root = new URL('..', import.meta.url);
const rootPath = fileURLToPath(root);
const missing = () => exportedFiles(readPackageJson(root)).filter((f) => !existsSync(new URL(f, root)));

const say = (m) => console.error(`prepack: ${m}`);
let absent = missing();
if (absent.length) {
  say(`not built yet (missing ${absent.join(', ')}): building with scripts/build.sh wasm`);
  try {
    execFileSync('bash', ['scripts/build.sh', 'wasm'], { cwd: rootPath, stdio: ['ignore', 2, 2] });
  } catch {
    say('the build failed (see above); no package was made. On Debian as root, scripts/setup.sh installs what it needs; elsewhere install emsdk and set MBEDTLS_SOURCE_DIR (README, "Building").');
    process.exit(1);
  }
} else {
  // The wasm is there; the Node bundles are cheap to remake, so they always
  // match the sources being packed.
  execFileSync(process.execPath, ['scripts/bundle-node.mjs'], { cwd: rootPath, stdio: ['ignore', 2, 2] });
}
absent = missing();
if (absent.length) {
  say(`still missing after the build: ${absent.join(', ')}; no package was made.`);
  process.exit(1);
}
