// Formats the benchmark results as the Markdown tables of docs/benchmarks.md.
const fmt = (n) => Math.round(n).toLocaleString('en-US');
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

export function formatReport(r) {
  const lines = [];
  const single = r.rates.find((x) => x.name.includes('presignUrl ('));
  const batch = r.rates.find((x) => x.name.includes('presignUrls'));
  const sdk = r.rates.find((x) => x.name.includes('cos-js-sdk-v5'));
  const ceiling = r.rates.find((x) => x.name.includes('inside wasm'));
  lines.push(`Measured ${r.date} on ${r.machine} (${r.runtime}). ${r.note}`, '');
  lines.push('| URLs per second | URLs/s | µs/URL | × cos-js-sdk-v5 |', '|---|---:|---:|---:|');
  for (const x of r.rates) {
    lines.push(`| ${x.name} | ${fmt(x.rate)} | ${(1e6 / x.rate).toFixed(2)} | ${(x.rate / sdk.rate).toFixed(1)}× |`);
  }
  lines.push('');
  const nodeCrypto = r.rates.find((x) => x.name.startsWith('node:crypto'));
  const webCrypto = r.rates.find((x) => x.name.startsWith('WebCrypto'));
  const vs = [
    ceiling && `batch = ${(100 * batch.rate / ceiling.rate).toFixed(0)}% of the in-wasm ceiling and ${(batch.rate / sdk.rate).toFixed(0)}× cos-js-sdk-v5`,
    `single = ${(single.rate / sdk.rate).toFixed(1)}× cos-js-sdk-v5`,
    nodeCrypto && `${(single.rate / nodeCrypto.rate).toFixed(2)}× node:crypto`,
    webCrypto && `${(single.rate / webCrypto.rate).toFixed(1)}× WebCrypto`,
  ].filter(Boolean);
  lines.push(`Ratios: ${vs.join('; ')}.`, '');
  if (r.coldStart) {
    lines.push(`| cold start (import → first URL), median of ${r.coldStart.runs} ${r.coldStart.fresh || 'fresh processes'} | ms |`, '|---|---:|');
    for (const [name, ms] of Object.entries(r.coldStart.median)) lines.push(`| ${name} | ${ms.toFixed(1)} |`);
    lines.push('');
  }
  const s = r.sizes;
  lines.push('| browser download (gzip -9) | bytes | |', '|---|---:|---|');
  lines.push(`| cos-presign, signer only (init): wrapper ${s.ours.wrapper} + glue ${s.ours.glue} + wasm ${s.ours.wasm} | ${s.ours.total} | ${kb(s.ours.total)} |`);
  if (s.oursPresigner) {
    const p = s.oursPresigner;
    lines.push(`| cos-presign with createPresigner: wrapper ${p.wrapper} + glue ${p.glue} + wasm ${p.wasm} | ${p.total} | ${kb(p.total)} |`);
  }
  if (s.oursSigV4) {
    const v = s.oursSigV4;
    lines.push(`| cos-presign/sigv4, signer only (COS + SigV4): wrapper ${v.wrapper} + glue ${v.glue} + wasm ${v.wasm} | ${v.total} | ${kb(v.total)} |`);
  }
  lines.push(`| cos-js-sdk-v5 dist/cos-js-sdk-v5.min.js | ${s.cosJsSdk.total} | ${kb(s.cosJsSdk.total)} |`);
  lines.push(`| aws4fetch (SigV4 only, minified) | ${s.aws4fetch.total} | ${kb(s.aws4fetch.total)} |`);
  lines.push('');
  if (r.memory) {
    const m = r.memory;
    lines.push('| wasm linear memory | bytes |', '|---|---:|');
    lines.push(`| at rest (after init) | ${fmt(m.atRest)} |`, `| after one URL | ${fmt(m.afterOneUrl)} |`);
    lines.push(`| after one batch of 10,000 | ${fmt(m.afterOneBatch)} |`, `| after ${fmt(m.signatures)} signatures | ${fmt(m.afterAll)} |`);
    lines.push('');
  }
  return lines.join('\n');
}
