// A second process that loads the demo's object endpoint: reads a job
// { port, host, concurrency, requests: [{ path, expect, code?, bytes? }] } on
// stdin, sends them with at most `concurrency` in flight, to 127.0.0.1 only,
// and prints { done, wrong: [...] } as JSON.
import { Agent, request } from 'node:http';

let input = '';
for await (const chunk of process.stdin) input += chunk;
const job = JSON.parse(input);
const agent = new Agent({ keepAlive: true, maxSockets: job.concurrency });

function send(r) {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port: job.port, path: r.path, headers: { Host: job.host }, agent }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks) }));
    });
    req.setTimeout(15_000, () => req.destroy(new Error('timeout')));
    req.on('error', (e) => resolve({ status: 0, body: Buffer.from(String(e.message)) }));
    req.end();
  });
}

const wrong = [];
let next = 0;
let done = 0;
async function worker() {
  while (next < job.requests.length) {
    const r = job.requests[next++];
    const res = await send(r);
    done++;
    const code = /<Code>([^<]*)<\/Code>/.exec(res.body.toString())?.[1];
    if (res.status !== r.expect || (r.code && code !== r.code) || (r.bytes !== undefined && res.body.length !== r.bytes)) {
      wrong.push({ path: r.path.slice(0, 80), expected: r.expect, got: res.status, code });
    }
  }
}
await Promise.all(Array.from({ length: job.concurrency }, worker));
agent.destroy();
process.stdout.write(JSON.stringify({ done, wrong: wrong.slice(0, 20) }));
