#!/usr/bin/env node
// npm run fuzz:diff: the differential fuzzer against the official SDKs, for as
// long as you like. Same properties as tests/node/differential.test.js
// (tests/node/helpers/differential.js), with a fresh seed each run unless one
// is given; any disagreement is shrunk by fast-check and printed as a minimal
// reproducer with the seed and path to replay it.
//
//   npm run fuzz:diff                      100,000 cases per property
//   npm run fuzz:diff -- --runs 1000000    or DIFF_RUNS=1000000
//   npm run fuzz:diff -- --seed 42 [--path 3:1:0] [--only authorization|presignUrl]
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { init } from 'cos-presign';
import { authorizationProperty, presignUrlProperty } from '../node/helpers/differential.js';

const { values: args } = parseArgs({
  options: { runs: { type: 'string' }, seed: { type: 'string' }, path: { type: 'string' }, only: { type: 'string' } },
});
const runs = Number(args.runs ?? process.env.DIFF_RUNS ?? 100_000);
const seed = Number(args.seed ?? process.env.DIFF_SEED ?? (Date.now() ^ (Math.random() * 0x7fffffff)) | 0);
const properties = { authorization: authorizationProperty, presignUrl: presignUrlProperty };
const chosen = args.only ? [args.only] : Object.keys(properties);

const signer = await init();
let failed = false;
for (const name of chosen) {
  if (!properties[name]) throw new Error(`unknown property ${name}; use ${Object.keys(properties).join(' or ')}`);
  const started = process.hrtime.bigint();
  const details = fc.check(properties[name](signer), { seed, numRuns: runs, path: args.path, endOnFailure: false });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (details.failed) {
    failed = true;
    console.log(`fuzz:diff ${name}: DISAGREEMENT after ${details.numRuns} cases (${details.numShrinks} shrinks), seed ${details.seed}, path ${details.counterexamplePath}`);
    console.log('minimal reproducer:');
    console.log(details.errorInstance ? details.errorInstance.message : String(details.error));
    console.log(`replay: npm run fuzz:diff -- --only ${name} --seed ${details.seed} --path ${details.counterexamplePath}`);
  } else {
    console.log(`fuzz:diff ${name}: ${details.numRuns} cases agree (${details.numSkips} skipped by filters), seed ${seed}, ${seconds.toFixed(1)} s`);
  }
}
process.exitCode = failed ? 1 : 0;
