// A second process that uploads to the demo's object endpoint: reads a job
// { port, host, concurrency, size, uploads: [{ path, headers }] } on stdin,
// PUTs a fresh random body of `size` bytes to each, at most `concurrency` at
// once, to 127.0.0.1 only, and prints { ms, results: [{ status, md5, etag, code }] }:
// the MD5 is of what was sent, computed here, independently of the server.
import { createHash, randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';

let input = '';
for await (const chunk of process.stdin) input += chunk;
const job = JSON.parse(input);
const agent = new Agent({ keepAlive: true, maxSockets: job.concurrency });

function put(upload) {
  const body = randomBytes(job.size);
  const md5 = createHash('md5').update(body).digest('hex');
  return new Promise((resolve) => {
    const req = request({
      host: '127.0.0.1', port: job.port, method: 'PUT', path: upload.path, agent,
      headers: { ...upload.headers, Host: job.host, 'Content-Length': body.length },
    }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const code = /<Code>([^<]*)<\/Code>/.exec(Buffer.concat(chunks).toString())?.[1];
        resolve({ status: res.statusCode, md5, etag: res.headers.etag, code });
      });
    });
    req.setTimeout(30_000, () => req.destroy(new Error('timeout')));
    req.on('error', (e) => resolve({ status: 0, md5, code: e.message }));
    req.end(body);
  });
}

const results = new Array(job.uploads.length);
let next = 0;
const started = performance.now();
async function worker() {
  while (next < job.uploads.length) {
    const i = next++;
    results[i] = await put(job.uploads[i]);
  }
}
await Promise.all(Array.from({ length: job.concurrency }, worker));
agent.destroy();
process.stdout.write(JSON.stringify({ ms: performance.now() - started, results }));
