// What both tiny apps do with the package: sign one link with the
// presigner and download it, then report in the page for the test to read.
export async function run(createPresigner, wasm) {
  const report = (result) => {
    document.body.dataset.result = JSON.stringify(result);
    document.body.textContent = JSON.stringify(result, null, 2);
  };
  try {
    const config = await (await fetch('/api/config')).json();
    const presigner = createPresigner({
      bucket: config.bucket, region: config.region, credentials: '/api/sts',
      domain: config.domains.direct, protocol: config.protocol, wasm,
    });
    const url = await presigner.getObjectUrl('demo/hello.txt', { expires: 60 });
    const res = await fetch(url);
    report({ url, status: res.status, text: await res.text() });
  } catch (e) {
    report({ error: e.message, code: e.code });
  }
}
