// The build refuses mbedTLS trees outside the 3.6 LTS line with a clear
// message, in the set-up step and in CMake.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

function fakeTree(file, major, minor) {
  const dir = mkdtempSync(join(tmpdir(), 'fake-mbedtls-'));
  mkdirSync(join(dir, 'include', 'mbedtls'), { recursive: true });
  writeFileSync(join(dir, 'include', 'mbedtls', file),
    `#define MBEDTLS_VERSION_MAJOR  ${major}\n#define MBEDTLS_VERSION_MINOR  ${minor}\n#define MBEDTLS_VERSION_STRING "${major}.${minor}.0"\n`);
  return dir;
}

for (const [file, major, minor] of [['version.h', 2, 28], ['build_info.h', 3, 5], ['build_info.h', 4, 0]]) {
  test(`mbedTLS ${major}.${minor} is refused by setup.sh and by CMake`, () => {
    const src = fakeTree(file, major, minor);
    const build = mkdtempSync(join(tmpdir(), 'cmake-'));
    try {
      const setup = spawnSync('bash', ['scripts/setup.sh'], { cwd: root, encoding: 'utf8', env: { ...process.env, MBEDTLS_SOURCE_DIR: src } });
      assert.notEqual(setup.status, 0);
      assert.match(setup.stderr, new RegExp(`mbedTLS ${major}\\.${minor}\\.0; cos-presign needs the 3\\.6 LTS line`));
      const cmake = spawnSync('cmake', ['-S', root, '-B', build, `-DMBEDTLS_SOURCE_DIR=${src}`], { encoding: 'utf8' });
      assert.notEqual(cmake.status, 0);
      assert.match(cmake.stderr.replace(/\s+/g, " "), new RegExp(`mbedTLS ${major}\\.${minor} at .* is not supported: cos-presign needs the 3\\.6 LTS line`));
    } finally {
      rmSync(src, { recursive: true, force: true });
      rmSync(build, { recursive: true, force: true });
    }
  });
}
