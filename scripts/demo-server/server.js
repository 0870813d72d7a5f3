// The demo server: the page and the package's files on one origin, the
// credential backend (/api/sts, /api/config) beside them, and in local mode
// a COS-compatible object endpoint on a second port (its own origin, as COS
// is), so CORS and the Content-Security-Policy are exercised for real.
import { createServer } from 'node:http';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { INCOMING_DIR, indexBucket, seedBucket } from './bucket.js';
import { createCosEndpoint } from './cos-endpoint.js';
import { DEFAULT_MAX_UPLOAD_BYTES } from './cos-upload.js';
import { createCosSts, createLocalSts, grantFor, ScopeRefusal } from './sts.js';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const WEB = join(ROOT, 'web');

export const LOCAL_BUCKET = 'demo-1250000000';
export const LOCAL_REGION = 'ap-guangzhou';

const STATIC_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.map': 'application/json',
};

// Limits that keep every request bounded in size and time.
const SERVER_OPTIONS = {
  maxHeaderSize: 16 * 1024, // larger header blocks get 431 from Node itself
  requestTimeout: 10_000,
  headersTimeout: 5_000,
  keepAliveTimeout: 5_000,
  connectionsCheckingInterval: 1_000,
};
const MAX_CONNECTIONS = 1024;
const SOCKET_IDLE_MS = 15_000;

function extOf(name) {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot).toLowerCase();
}

/** URL path -> file, for exactly the files the page needs; nothing else is reachable. */
async function buildSiteMap(extraStatic) {
  const files = new Map();
  const addFolder = async (urlPrefix, folder, accept, { recurse = false } = {}) => {
    let entries = [];
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch {
      return; // e.g. web/dist before the first build
    }
    for (const e of entries) {
      if (e.isFile() && accept(e.name)) files.set(urlPrefix + e.name, join(folder, e.name));
      else if (recurse && e.isDirectory()) await addFolder(`${urlPrefix}${e.name}/`, join(folder, e.name), accept, { recurse });
    }
  };
  await addFolder('/', WEB, (n) => n.endsWith('.js'));
  await addFolder('/dist/', join(WEB, 'dist'), (n) => n.endsWith('.mjs') || n.endsWith('.wasm'));
  await addFolder('/demo/', join(WEB, 'demo'), (n) => extOf(n) in STATIC_TYPES);
  for (const [urlPrefix, folder] of Object.entries(extraStatic)) {
    // An app's build output, subfolders included (dist/, assets/, ...).
    await addFolder(urlPrefix, folder, (n) => extOf(n) in STATIC_TYPES, { recurse: true });
  }
  if (files.has('/demo/index.html')) files.set('/demo/', files.get('/demo/index.html'));
  if (files.has('/demo/icon.svg')) files.set('/favicon.ico', files.get('/demo/icon.svg')); // browsers ask for it
  for (const urlPrefix of Object.keys(extraStatic)) {
    if (files.has(`${urlPrefix}index.html`)) files.set(urlPrefix, files.get(`${urlPrefix}index.html`));
  }
  return files;
}

// A host name from the Host header, only if it is plainly one (it ends up in a header).
function requestHostname(req, fallback) {
  const host = String(req.headers.host || '');
  const m = /^([A-Za-z0-9.-]{1,253}|\[[0-9A-Fa-f:.]{2,45}\])(?::\d{1,5})?$/.exec(host);
  return m ? m[1] : fallback;
}

export function contentSecurityPolicy(objectOrigins) {
  const objects = objectOrigins.join(' ');
  return [
    "default-src 'none'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "worker-src 'self'",
    `connect-src 'self' ${objects}`,
    `img-src 'self' ${objects}`,
    "style-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

// acceptsBody(req): whether the handler reads this request's body (the
// object endpoint's PUTs); every other body is refused unread.
function boundServer(handler, { acceptsBody = () => false, requestTimeout = SERVER_OPTIONS.requestTimeout } = {}) {
  const server = createServer({ ...SERVER_OPTIONS, requestTimeout }, (req, res) => {
    res.setTimeout(SOCKET_IDLE_MS, () => res.destroy());
    const length = Number(req.headers['content-length'] || 0);
    if ((length > 0 || req.headers['transfer-encoding']) && !acceptsBody(req)) {
      res.writeHead(413, { Connection: 'close', 'Content-Type': 'text/plain' });
      res.end('request bodies are not accepted\n');
      return;
    }
    Promise.resolve(handler(req, res)).catch(() => {
      if (!res.headersSent) {
        res.writeHead(500, { 'Content-Type': 'text/plain' });
        res.end('internal error\n');
      } else res.destroy();
    });
  });
  server.maxConnections = MAX_CONNECTIONS;
  // "Expect: 100-continue": the handler answers it (after its checks) instead
  // of Node inviting every body, so a refused upload is refused before it is sent.
  server.on('checkContinue', (req, res) => server.emit('request', req, res));
  server.on('clientError', (err, socket) => {
    // Malformed requests: answer what Node would and never crash.
    if (!socket.writable) return socket.destroy();
    const status = err.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large'
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : '400 Bad Request';
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  });
  return server;
}

function listen(server, port, host) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address().port);
    });
  });
}

function originOf(host, port) {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/**
 * Starts the demo. Options (all optional):
 *   host, port (0 = any free), objectPort (0 = any free), prefix ('demo/'),
 *   uploadPrefix ('uploads/': where PutObject credentials may write), maxUploadBytes (10 MiB),
 *   stsDurationSeconds (1800), bucketDir (default: a temp folder, seeded, removed on close),
 *   seed (write the sample files into bucketDir too),
 *   now (() => ms, the server clock), cos ({ secretId, secretKey, bucket, region, keys, endpoint? }) for real mode,
 *   extraStatic ({ '/url-prefix/': folder }), log (line => void).
 * Resolves to { pageOrigin, objectOrigin, bucket, region, bucketDir, index, sts, close() }.
 */
export async function startDemoServer(options = {}) {
  const {
    host = '127.0.0.1', port = 8080, objectPort, prefix = 'demo/', uploadPrefix = 'uploads/',
    maxUploadBytes = DEFAULT_MAX_UPLOAD_BYTES, stsDurationSeconds = 1800,
    now = Date.now, cos, extraStatic = {}, log = () => {},
  } = options;
  const real = Boolean(cos);
  const bucket = real ? cos.bucket : LOCAL_BUCKET;
  const region = real ? cos.region : LOCAL_REGION;

  let bucketDir = options.bucketDir;
  let ownTempDir = null;
  let index = new Map();
  if (!real) {
    if (!bucketDir) bucketDir = ownTempDir = await mkdtemp(join(tmpdir(), 'cos-presign-demo-bucket-'));
    if (ownTempDir || options.seed) await seedBucket(bucketDir, prefix);
    await rm(join(bucketDir, INCOMING_DIR), { recursive: true, force: true }); // left by a crash
    index = await indexBucket(bucketDir);
  }
  const sts = real
    ? createCosSts({ ...cos, durationSeconds: stsDurationSeconds })
    : createLocalSts({ durationSeconds: stsDurationSeconds, now });

  const site = await buildSiteMap(extraStatic);
  const servers = [];
  let objectPortBound = null;

  const objectOriginsFor = (hostname) => {
    if (real) return [`https://${bucket}.cos.${region}.myqcloud.com`];
    return [originOf(hostname, objectPortBound), `http://*.localhost:${objectPortBound}`];
  };

  const json = (res, status, body) => {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(text),
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    res.end(text);
  };

  async function handlePage(req, res) {
    const [path, search = ''] = (req.url || '/').split('?', 2);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Length': 0 });
      res.end();
      return;
    }
    if (path === '/api/sts') {
      let grant;
      try {
        grant = grantFor(new URLSearchParams(search), { bucket, region, prefix, uploadPrefix });
      } catch (e) {
        if (!(e instanceof ScopeRefusal)) throw e;
        log('GET /api/sts 403 scope refused');
        json(res, 403, { error: 'scope_refused', message: e.message });
        return;
      }
      try {
        json(res, 200, await sts.issue(grant));
        log(`GET /api/sts 200 ${grant.action} ${grant.prefixes.join("* ")}*`);
      } catch (e) {
        // The STS error's code only: its message could quote the request.
        const code = (e && (e.Code || e.code)) || 'Error';
        log(`GET /api/sts 502 ${code}`);
        json(res, 502, { error: 'sts_failed', message: `the credential service failed (${String(code).slice(0, 80)})` });
      }
      return;
    }
    const hostname = requestHostname(req, host);
    if (path === '/api/config') {
      const objects = [];
      if (real) for (const key of cos.keys || []) objects.push({ key });
      else for (const [key, e] of index) objects.push({ key, size: e.size, contentType: e.contentType, inScope: key.startsWith(prefix) || key.startsWith(uploadPrefix) });
      json(res, 200, {
        mode: real ? 'cos' : 'local',
        bucket,
        region,
        prefix,
        uploadPrefix,
        maxUploadBytes,
        protocol: real ? 'https' : 'http',
        // domain templates for the presigner; null means COS's default domain
        domains: real ? null : {
          direct: `${hostname.includes(':') ? `[${hostname}]` : hostname}:${objectPortBound}`,
          virtual: `{Bucket}.cos.{Region}.localhost:${objectPortBound}`,
        },
        stsDurationSeconds,
        serverTime: now(),
        objects,
      });
      return;
    }
    if (path === '/') {
      res.writeHead(302, { Location: '/demo/', 'Content-Length': 0 });
      res.end();
      return;
    }
    const file = site.get(path);
    if (!file) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('not found\n');
      return;
    }
    let body;
    try {
      body = await readFile(file);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('not found\n');
      return;
    }
    res.writeHead(200, {
      'Content-Type': STATIC_TYPES[extOf(file)] || 'application/octet-stream', // by the file served, not the path asked
      'Content-Length': body.length,
      // Sent with every file: a worker's policy comes from its own script's response.
      'Content-Security-Policy': contentSecurityPolicy(objectOriginsFor(hostname)),
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cache-Control': 'no-cache',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  try {
    if (!real) {
      const objectServer = boundServer(createCosEndpoint({ bucket, region, index, bucketDir, sts, now, log, maxUploadBytes }), {
        acceptsBody: (req) => req.method === 'PUT',
        requestTimeout: 0, // an upload may take long: its URL's end cuts it off (cos-upload.js), as on COS
      });
      servers.push(objectServer);
      objectPortBound = await listen(objectServer, objectPort ?? (port === 0 ? 0 : port + 1), host);
    }
    const pageServer = boundServer(handlePage);
    servers.push(pageServer);
    const pagePort = await listen(pageServer, port, host);
    return {
      pageOrigin: originOf(host, pagePort),
      objectOrigin: real ? `https://${bucket}.cos.${region}.myqcloud.com` : originOf(host, objectPortBound),
      objectPort: objectPortBound,
      bucket,
      region,
      prefix,
      uploadPrefix,
      bucketDir,
      index,
      sts,
      close: async () => {
        await Promise.all(servers.map((s) => new Promise((resolve) => {
          s.close(() => resolve());
          s.closeAllConnections();
        })));
        if (ownTempDir) await rm(ownTempDir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    for (const s of servers) s.close();
    throw e;
  }
}

