// Runs the native cos-presign CLI (build/cli/cos-presign, made by
// scripts/build.sh, which npm test runs first) with a clean environment:
// only what a case gives, so no variable of the machine leaks in.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const CLI = fileURLToPath(new URL('../../../build/cli/cos-presign', import.meta.url));

export function cliBuilt() {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run scripts/build.sh cli (npm test builds it)`);
}

/** { status, stdout, stderr } of one run; `input` goes to standard input. */
export function runCli(args, { env = {}, input = '' } = {}) {
  const r = spawnSync(CLI, args, {
    env: { PATH: process.env.PATH, ...env },
    input,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  // EPIPE: the CLI exited without reading all of its input, as it may on a
  // usage error it finds first; its exit status and output still tell.
  if (r.error && !(r.error.code === 'EPIPE' && r.status !== null)) throw r.error;
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}
