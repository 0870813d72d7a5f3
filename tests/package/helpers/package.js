// The package as a user gets it: the tarball `npm pack` makes, installed
// with npm into throwaway apps under build/package-test/ (ignored by git).
//   packed()            -> { tarball, files: [{ path, size }], size, unpackedSize }; packs once per
//                          `npm run test:package` (scripts/pack-for-tests.mjs), or here if absent
//   app(name)           -> a fresh app folder with the tarball installed as node_modules/cos-presign
//                          and the template files of tests/package/apps/<name>/ and apps/shared/
//   run(cmd, args, opt) -> { status, stdout, stderr } of a child process, bounded in time
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
export const WORK = join(ROOT, 'build', 'package-test');
const APPS = fileURLToPath(new URL('../apps/', import.meta.url));
const PACK_INFO = join(WORK, 'pack.json');
export const BIN = join(ROOT, 'node_modules', '.bin');

/** Packs the repository as `npm pack` does for a user (prepack included). */
export function pack() {
  mkdirSync(WORK, { recursive: true });
  for (const f of readdirSync(WORK)) if (f.endsWith('.tgz')) rmSync(join(WORK, f));
  const out = execFileSync('npm', ['pack', '--json', '--pack-destination', WORK], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const [info] = JSON.parse(out);
  const result = { tarball: join(WORK, info.filename), files: info.files.map(({ path, size }) => ({ path, size })), size: info.size, unpackedSize: info.unpackedSize };
  writeFileSync(PACK_INFO, JSON.stringify(result, null, 2));
  return result;
}

export function packed() {
  if (existsSync(PACK_INFO)) {
    const info = JSON.parse(readFileSync(PACK_INFO, 'utf8'));
    if (existsSync(info.tarball)) return info;
  }
  return pack();
}

/**
 * A throwaway app: build/package-test/apps/<name>/ with its own package.json
 * (so nothing resolves to this repository), the package installed from the
 * tarball by npm, and the app's template files. Tools (bundlers, runtimes)
 * are the repository's pinned devDependencies, run from node_modules/.bin.
 */
export function app(name, { type = 'module', files = [name] } = {}) {
  const { tarball } = packed();
  const dir = join(WORK, 'apps', name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `cos-presign-test-${name}`, private: true, type }, null, 2));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', '--no-package-lock', tarball], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
  for (const f of [...files, 'shared']) cpSync(join(APPS, f), dir, { recursive: true });
  return dir;
}

/** Runs a command to its end (or kills it after timeoutMs); never throws for a non-zero exit. */
export function run(cmd, args, { cwd, env = {}, timeoutMs = 120_000, input } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, stdout, stderr });
    });
    child.stdin.end(input);
  });
}

/** The last line of a run's stdout, parsed as JSON (the apps print one JSON line). */
export function jsonOut(r, what) {
  const line = r.stdout.trim().split('\n').pop();
  try {
    return JSON.parse(line);
  } catch {
    throw new Error(`${what} printed no JSON (exit ${r.status}${r.signal ? `, ${r.signal}` : ''}):\n${r.stdout}\n${r.stderr}`);
  }
}
