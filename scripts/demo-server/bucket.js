// The local bucket: a folder of files seeded with generated samples, and an
// index of its keys built once at start. Requests are answered from the
// index only, so no path from a request ever reaches the file system.
import { createHash } from 'node:crypto';
import { lstat, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { encodePng } from './png.js';

const MAX_OBJECTS = 10000;
// Uploads in progress (cos-upload.js): inside the bucket folder so a finished
// one is renamed into place on the same file system; never an object.
export const INCOMING_DIR = '.incoming';

const CONTENT_TYPES = {
  '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json',
  '.pdf': 'application/pdf',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
  '.html': 'text/html; charset=utf-8',
  '.mp4': 'video/mp4',
};

export function contentTypeOf(name) {
  const dot = name.lastIndexOf('.');
  return (dot >= 0 && CONTENT_TYPES[name.slice(dot).toLowerCase()]) || 'application/octet-stream';
}

// A one-page PDF; offsets in the xref table are computed, not typed.
function samplePdf() {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 420 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    null, // content stream, below
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  const text = 'BT /F1 20 Tf 40 120 Td (cos-presign demo report) Tj 0 -36 Td /F1 12 Tf (Downloaded through a pre-signed URL.) Tj ET';
  objects[3] = `<< /Length ${text.length} >>\nstream\n${text}\nendstream`;
  let pdf = '%PDF-1.4\n';
  const offsets = [];
  objects.forEach((body, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) pdf += `${String(off).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

const IMAGES = [
  ['sunrise', [255, 140, 60], [255, 220, 120]],
  ['lagoon', [20, 120, 200], [90, 220, 210]],
  ['forest', [30, 100, 50], [160, 210, 90]],
  ['dusk', [70, 40, 120], [240, 110, 150]],
  ['sand', [200, 170, 120], [250, 240, 210]],
  ['slate', [50, 60, 80], [150, 170, 190]],
];

function sampleImage(i, from, to) {
  const w = 240;
  const h = 160;
  return encodePng(w, h, (x, y) => {
    const t = (x + y) / (w + h);
    const ring = Math.hypot(x - w / 2, y - h / 2) % (18 + 4 * i) < 3 ? 0.82 : 1;
    return from.map((c, k) => Math.round((c + (to[k] - c) * t) * ring));
  });
}

/** The sample objects, by key. Written on every start so tests can rely on them. */
export function sampleObjects(prefix) {
  const files = new Map();
  files.set(`${prefix}hello.txt`, Buffer.from('Hello from the local COS bucket of cos-presign.\n你好，这是一个预签名下载链接。\n'));
  files.set(`${prefix}报告 2026+final.pdf`, samplePdf());
  files.set(`${prefix}odd names/100% a+b&c=d #1.txt`, Buffer.from('A key with characters that need encoding: % + & = # and a space.\n'));
  IMAGES.forEach(([name, from, to], i) => files.set(`${prefix}images/${name}.png`, sampleImage(i, from, to)));
  // Outside the prefix the credentials are scoped to: links to it must fail.
  files.set('private/not-in-scope.txt', Buffer.from('Credentials scoped to the demo prefix cannot read this.\n'));
  return files;
}

export async function seedBucket(dir, prefix) {
  for (const [key, bytes] of sampleObjects(prefix)) {
    const path = join(dir, ...key.split('/'));
    await mkdir(join(path, '..'), { recursive: true });
    await writeFile(path, bytes);
  }
}

/** key -> { path, size, mtime, etag, contentType }. Symlinks are not followed. */
export async function indexBucket(dir) {
  const index = new Map();
  async function walk(folder) {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      if (index.size >= MAX_OBJECTS) return;
      const path = join(folder, entry.name);
      if (folder === dir && entry.name === INCOMING_DIR) continue;
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) {
        const st = await lstat(path);
        const key = relative(dir, path).split(sep).join('/');
        const etag = `"${createHash('md5').update(await readFile(path)).digest('hex')}"`;
        index.set(key, { path, size: st.size, mtime: st.mtime, etag, contentType: contentTypeOf(key), meta: {} });
      }
    }
  }
  await walk(dir);
  return index;
}
