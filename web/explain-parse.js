// Reads a link the way a server reads the request a client makes from it:
// the URL as WHATWG URL serializes it (what fetch and browsers send), the
// path and each query parameter percent-decoded once, in the order given.
import { invalid } from './errors.js';

function decode(text, where) {
  try {
    return decodeURIComponent(text);
  } catch {
    throw invalid('ERR_INVALID_URL', 'url', `has a percent-escape in its ${where} that is not valid UTF-8`);
  }
}

/**
 * { href, protocol, host, hostname, hasPort, rawPath, path, params: [{ name, value }] }:
 * `path` is the decoded path, `value` null for a parameter without "=".
 */
export function parseLink(url) {
  let u;
  try {
    u = new URL(url);
  } catch {
    throw invalid('ERR_INVALID_URL', 'url', 'is not an absolute URL');
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') {
    throw invalid('ERR_NOT_PRESIGNED_URL', 'url', 'is not an http or https URL');
  }
  const params = [];
  for (const part of u.search.slice(1).split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    params.push({
      name: decode(eq < 0 ? part : part.slice(0, eq), 'query'),
      value: eq < 0 ? null : decode(part.slice(eq + 1), 'query'),
    });
  }
  return {
    protocol: u.protocol,
    host: u.host,
    hostname: u.hostname,
    hasPort: u.port !== '',
    rawPath: u.pathname,
    path: decode(u.pathname, 'path'),
    params,
  };
}

/** COS's encoding of names and values (encodeURIComponent, plus ! ' ( ) *). */
export function cosEncode(text) {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** RFC 3986 / AWS UriEncode: everything but A-Z a-z 0-9 - _ . ~ (and "/" when `keepSlash`). */
export function awsEncode(text, keepSlash = false) {
  const encoded = cosEncode(text);
  return keepSlash ? encoded.replace(/%2F/g, '/') : encoded;
}

/** The first value of parameter `name` (exact name), or undefined. */
export function paramValue(link, name) {
  const p = link.params.find((x) => x.name === name);
  return p === undefined ? undefined : p.value ?? '';
}

// What a host tells: COS's {bucket}.cos.{region}.* (and its S3 API), the
// acceleration domain (no region), AWS S3, Cloudflare R2; path style for an
// IP address, localhost or a host with a port. Anything else: unknown.
export function bucketOf(link, { sigv4 }) {
  const labels = link.hostname.split('.');
  const virtual = (bucket, region = null) => ({ bucket, region, key: link.path.slice(1) });
  const pathStyle = () => {
    const rest = link.path.slice(1);
    const slash = rest.indexOf('/');
    const bucket = slash < 0 ? rest : rest.slice(0, slash);
    return { bucket: bucket === '' ? null : bucket, region: null, key: slash < 0 ? '' : rest.slice(slash + 1) };
  };
  if (labels.length >= 4 && labels[1] === 'cos') return virtual(labels[0], labels[2] === 'accelerate' ? null : labels[2]);
  if (!sigv4) return { bucket: null, region: null, key: link.path.slice(1) };
  // "s3", or a legacy "s3-{region}" / "s3-external-1" label.
  const isS3Label = (l) => l === 's3' || /^s3-(external-1|[a-z]{2}(-[a-z]+)+-\d)$/.test(l);
  if (link.hostname.endsWith('.amazonaws.com')) {
    if (isS3Label(labels[0])) return pathStyle();
    const i = labels.findIndex(isS3Label);
    if (i > 0) return virtual(labels.slice(0, i).join('.'));
  } else if (link.hostname.endsWith('.r2.cloudflarestorage.com')) {
    if (labels.length === 5) return virtual(labels[0]);
    if (labels.length === 4) return pathStyle();
  } else if (link.hasPort || link.hostname === 'localhost' || /^\d+\.\d+\.\d+\.\d+$/.test(link.hostname) || link.hostname.startsWith('[')) {
    return pathStyle();
  }
  return { bucket: null, region: null, key: link.path.slice(1) };
}
