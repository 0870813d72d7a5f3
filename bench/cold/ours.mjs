// Cold start, ours: a fresh process times import -> init -> first URL.
const t0 = performance.now();
const { init } = await import('cos-presign');
const { COMMON } = await import('../options.js');
const signer = await init();
const url = signer.presignUrl({ ...COMMON, key: 'photos/first.jpg' });
const ms = performance.now() - t0;
process.stdout.write(JSON.stringify({ ms, ok: url.startsWith('https://') }) + '\n');
