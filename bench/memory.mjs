// Linear memory of our module at rest, after one batch, and after a million
// signatures (batches and single calls), in a fresh process.
import { init } from 'cos-presign';
import { COMMON, benchKeys, BATCH } from './options.js';

const signer = await init();
const core = signer._wire.core;
const bytes = () => core.HEAPU8.length;
const result = { atRest: bytes() };
const keys = benchKeys();
signer.presignUrl({ ...COMMON, key: keys[0] });
result.afterOneUrl = bytes();
signer.presignUrls(COMMON, keys);
result.afterOneBatch = bytes();
const batches = Number(process.argv[2] || 90);
for (let i = 0; i < batches; i++) signer.presignUrls(COMMON, keys);
const singles = Number(process.argv[3] || 100000);
for (let i = 0; i < singles; i++) signer.presignUrl({ ...COMMON, key: keys[i % BATCH] });
result.signatures = 1 + (batches + 1) * BATCH + singles;
result.afterAll = bytes();
process.stdout.write(JSON.stringify(result) + '\n');
