// Receives one pre-signed PUT into the local bucket, as COS stores an object:
// the body streams to a temporary file (never held in memory), its MD5 is
// computed on the way, and only a complete body that matches its
// Content-Length (and Content-MD5, when sent) is renamed into place. A
// refused, aborted, cut-off or failed upload leaves no object and no
// temporary file. The caller has checked the signature and the scope.
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { lstat, mkdir, realpath, rename, rm, stat } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { join, sep } from 'node:path';
import { contentTypeOf, INCOMING_DIR } from './bucket.js';

export const DEFAULT_MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
const MAX_KEY_SEGMENTS = 32;

/** Errors an upload can end with; `UploadRefusal` carries COS's status and code. */
export class UploadRefusal extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

// A key the file-backed bucket can store: no empty, '.' or '..' segment, no NUL.
function fileSegments(key) {
  const segments = key.split('/');
  if (segments.length > MAX_KEY_SEGMENTS || segments.some((s) => s === '' || s === '.' || s === '..' || s.includes('\0') || s === INCOMING_DIR)) {
    throw new UploadRefusal(400, 'InvalidArgument', 'This key cannot be stored by the local bucket (empty, "." or ".." segments).');
  }
  return segments;
}

/** Checks the headers before any byte of the body is read: { length, md5? }. */
export function checkUploadHeaders(headers, maxBytes) {
  if (headers['transfer-encoding'] !== undefined || headers['content-length'] === undefined) {
    throw new UploadRefusal(411, 'MissingContentLength', 'You must provide the Content-Length HTTP header.');
  }
  const length = Number(headers['content-length']);
  if (!/^\d{1,16}$/.test(headers['content-length']) || !Number.isSafeInteger(length)) {
    throw new UploadRefusal(400, 'InvalidArgument', 'Content-Length is not a number of bytes.');
  }
  if (length > maxBytes) {
    throw new UploadRefusal(400, 'EntityTooLarge', `Your proposed upload exceeds the maximum allowed object size (${maxBytes} bytes here).`);
  }
  let md5;
  if (headers['content-md5'] !== undefined) {
    md5 = Buffer.from(headers['content-md5'], 'base64');
    if (md5.length !== 16 || md5.toString('base64') !== headers['content-md5']) {
      throw new UploadRefusal(400, 'InvalidDigest', 'The Content-MD5 you specified is not valid.');
    }
  }
  return { length, md5 };
}

/**
 * Streams `req` into the bucket under `key`. Resolves to the index entry
 * { path, size, mtime, etag, contentType, meta }; rejects with UploadRefusal
 * (or the stream's error when the client went away). `deadlineMs`: the
 * URL's end, when an unfinished transfer is cut off as on COS.
 */
export async function receiveUpload(req, { bucketDir, key, expected, deadlineMs, now = Date.now }) {
  const segments = fileSegments(key);
  const incoming = join(bucketDir, INCOMING_DIR);
  await mkdir(incoming, { recursive: true, mode: 0o700 });
  const temp = join(incoming, `${randomBytes(12).toString('hex')}.part`);
  const md5 = createHash('md5');
  let received = 0;
  const meter = new Transform({
    transform(chunk, _encoding, done) {
      received += chunk.length;
      if (received > expected.length) done(new UploadRefusal(400, 'InvalidArgument', 'The body is longer than Content-Length.'));
      else {
        md5.update(chunk);
        done(null, chunk);
      }
    },
  });
  const timer = setTimeout(() => req.destroy(new UploadRefusal(403, 'AccessDenied', 'Request has expired')),
    Math.max(0, Math.min(deadlineMs - now(), 2 ** 31 - 1)));
  try {
    await pipeline(req, meter, createWriteStream(temp, { flags: 'wx', mode: 0o600 }));
    if (received !== expected.length) throw new UploadRefusal(400, 'IncompleteBody', 'You did not provide the number of bytes specified by the Content-Length HTTP header.');
    const digest = md5.digest();
    if (expected.md5 && !digest.equals(expected.md5)) {
      throw new UploadRefusal(400, 'BadDigest', 'The Content-MD5 you specified did not match what was received.');
    }
    const path = await placeFor(bucketDir, segments);
    await rename(temp, path);
    const st = await stat(path);
    const meta = {};
    for (const [name, value] of Object.entries(req.headers)) if (name.startsWith('x-cos-meta-')) meta[name] = value;
    return {
      path, size: st.size, mtime: st.mtime, etag: `"${digest.toString('hex')}"`,
      contentType: req.headers['content-type'] || contentTypeOf(key), meta,
    };
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  } finally {
    clearTimeout(timer);
  }
}

// The object's file path, its folders created, and proved to be inside the
// bucket even if a folder on the way is a symlink.
async function placeFor(bucketDir, segments) {
  const folder = join(bucketDir, ...segments.slice(0, -1));
  try {
    await mkdir(folder, { recursive: true });
  } catch {
    throw new UploadRefusal(409, 'InvalidArgument', 'A prefix of this key is an object in the local bucket.');
  }
  const [root, real] = await Promise.all([realpath(bucketDir), realpath(folder)]);
  if (real !== root && !real.startsWith(root + sep)) throw new UploadRefusal(403, 'AccessDenied', 'Access Denied.');
  const path = join(real, segments.at(-1));
  // A symlink there is replaced, never written through.
  const existing = await lstat(path).catch(() => null);
  if (existing && existing.isDirectory()) throw new UploadRefusal(409, 'InvalidArgument', 'This key is a prefix of other objects in the local bucket.');
  return path;
}
