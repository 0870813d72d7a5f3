// Writes requests in the core's buffer protocol (src/core/request_codec.h)
// straight into wasm linear memory and reads the response back, so a whole
// batch crosses the JS/wasm boundary in one call.
import { invalid } from './errors.js';

export const OP_AUTHORIZATION = 1;
export const OP_PRESIGN_URLS = 2;
// op 2 with the shared-tail flag: the response gives the query tail every URL
// ends with (token, parameters) once, first; see src/core/request_codec.h.
export const OP_PRESIGN_URLS_SHARED_TAIL = OP_PRESIGN_URLS | 0x80;
// More flags on op 2: the secretKey field carries a cached SignKey (0x40), or
// the response starts with the SignKey derived, for the host to cache (0x20).
export const FLAG_SIGN_KEY_GIVEN = 0x40;
export const FLAG_SIGN_KEY_WANTED = 0x20;
// Op 2 for batches: only what differs per key crosses the boundary (encoded
// path + signature); the prefix, middle and tail every URL shares come once.
export const OP_PRESIGN_URLS_SHARED_PARTS = OP_PRESIGN_URLS | 0x10;
export const SIGN_KEY_LENGTH = 40;

// The core's limits (src/core/request_codec.h): the input buffer the wrapper
// may reserve (its upper bound of 3 bytes per UTF-16 unit), so a huge call is
// refused with a code before it can exhaust wasm memory.
export const MAX_INPUT_BUFFER = 3 * 64 * 1024 * 1024;
// The core's limits on one call's request (UTF-8 bytes) and URLs (bytes).
const MAX_REQUEST_BYTES = 64 * 1024 * 1024;
const MAX_URLS_BYTES = 256 * 1024 * 1024;

// A batch goes to the core in chunks of at most this many keys, about this
// many bytes of them, and about this many bytes of response (sized from the
// bytes per key the chunks so far gave: a SigV4 URL repeats the session
// token, a COS batch gives ~60 bytes per key), so linear memory stays under
// 1 MiB whatever the batch size; the fixed cost of a request (options
// checked, SignKey derived) is then about 1% of a chunk's time.
const CHUNK_KEYS = 512;
const FIRST_CHUNK_KEYS = 32;
const CHUNK_BYTES = 64 * 1024;
const CHUNK_RESPONSE_BYTES = 96 * 1024;

const tooLarge = () => invalid('ERR_TOO_LARGE', 'request', 'is over 64 MiB as UTF-8: split it into smaller calls');

const encoder = new TextEncoder();
export const decoder = new TextDecoder();

const hasIsWellFormed = typeof ''.isWellFormed === 'function';
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

// TextEncoder would silently turn a lone surrogate into U+FFFD and sign a
// different string than the caller gave: refuse it instead.
export function checkWellFormed(s, field, index) {
  if (hasIsWellFormed ? !s.isWellFormed() : LONE_SURROGATE.test(s)) {
    throw invalid('ERR_LONE_SURROGATE', field, 'contains a lone UTF-16 surrogate', index);
  }
}

// Strings up to this length are copied with a charCodeAt loop when they are
// ASCII (keys, names, bucket, times: nearly always); encodeInto, which needs a
// fresh subarray per call, only pays off for longer ones such as a token.
const ASCII_LOOP_MAX = 96;

export class WireWriter {
  constructor(core) {
    this.core = core;
    this.capacity = 0;
    this.base = 0;
    this.heap = null;
    this.pos = 0;
    this.slot = core.responseSlot() >>> 2; // static address: ask once
    // Bit (1 << op) per op this module answers (the COS module leaves SigV4 out).
    this.ops = typeof core.supportedOps === 'function' ? core.supportedOps() : 0;
  }

  supports(op) {
    return (this.ops & (1 << op)) !== 0;
  }

  // Makes room for `bound` bytes (an upper bound of what will be written).
  begin(bound) {
    if (!(bound <= MAX_INPUT_BUFFER)) throw tooLarge();
    if (bound > this.capacity) {
      const capacity = Math.max(bound, Math.min(this.capacity * 2, MAX_INPUT_BUFFER), 4096);
      const base = this.core.reserveInput(capacity);
      if (base === 0) throw tooLarge();
      this.capacity = capacity;
      this.base = base;
    }
    this.heap = this.core.HEAPU8; // may be a new view if memory grew
    this.pos = this.base;
  }

  u8(v) {
    this.heap[this.pos++] = v;
  }

  u32(v) {
    const h = this.heap;
    let p = this.pos;
    h[p++] = v & 0xff;
    h[p++] = (v >>> 8) & 0xff;
    h[p++] = (v >>> 16) & 0xff;
    h[p++] = v >>> 24;
    this.pos = p;
  }

  str(s) {
    const h = this.heap;
    const start = this.pos + 4;
    const n = s.length;
    let written = -1;
    if (n <= ASCII_LOOP_MAX) {
      let i = 0;
      for (; i < n; i++) {
        const c = s.charCodeAt(i);
        if (c > 0x7f) break;
        h[start + i] = c;
      }
      if (i === n) written = n;
    }
    if (written < 0) written = encoder.encodeInto(s, h.subarray(start, this.base + this.capacity)).written;
    this.u32(written);
    this.pos = start + written;
  }

  // [[name, value|null], ...]: null is a parameter without a value.
  params(list) {
    this.u32(list.length);
    for (let i = 0; i < list.length; i++) {
      const [name, value] = list[i];
      this.str(name);
      this.u8(value === null ? 0 : 1);
      this.str(value === null ? '' : value);
    }
  }

  // Runs the request: { ok: true, text } or { ok: false, code, field, message, index }.
  // `trim` drops that many trailing bytes of a successful response; `zero`
  // bytes at its start (a SignKey) are overwritten in wasm memory once read.
  finish(trim = 0, zero = 0) {
    const r = this.finishBytes(trim);
    if (r.ok) {
      const text = decoder.decode(r.bytes);
      if (zero > 0) r.bytes.fill(0, 0, zero);
      return { ok: true, text };
    }
    return r;
  }

  // As finish(), but a success gives the response's `bytes` (a view of wasm
  // memory, valid until the next request) for the caller to decode in parts.
  finishBytes(trim = 0) {
    const core = this.core;
    const ok = core.handleRequest(this.pos - this.base);
    const u32 = core.HEAPU32;
    const ptr = u32[this.slot];
    const end = ptr + u32[this.slot + 1];
    const bytes = core.HEAPU8.subarray(ptr, ok ? end - trim : end);
    if (ok) return { ok, bytes };
    const [code, field, message, index] = decoder.decode(bytes).split('\x1f');
    return { ok, code, field, message, index: Number(index) };
  }
}

// A batch request in chunks: each is the head (written by `writeHead`, at
// most `headBound` bytes), then a slice of `keys`. `onChunk(r, from)` gets
// each chunk's finishBytes() result (`trim` as there; a failed one with its
// key index made absolute) and returns [bytes of whole URLs it gave, bytes of
// its response that were per key] (the second sizes the next chunks). The
// whole call is held to the core's limits: 64 MiB of request (as if sent at
// once) and 256 MiB of URLs (counted as chunks come back).
export function runChunked(w, headBound, writeHead, keys, trim, onChunk) {
  const bound = headBound + 4 + bytesBound(keys);
  if (!(bound <= MAX_INPUT_BUFFER)) throw tooLarge();
  let from = 0;
  let urlBytes = 0;
  let perKey = 0; // the most response bytes per key a chunk gave
  // Every chunk repeats the head (options, token, parameters): with a head of
  // megabytes, chunks take keys of as many bytes, so re-reading it costs at
  // most as much as the keys themselves.
  const keyBudget = Math.max(CHUNK_BYTES, headBound);
  const responseBudget = Math.max(CHUNK_RESPONSE_BYTES, headBound);
  do {
    const maxKeys = perKey === 0 ? FIRST_CHUNK_KEYS : Math.max(1, Math.min(CHUNK_KEYS, Math.floor(responseBudget / perKey)));
    let to = from;
    let keyBound = 0;
    while (to < keys.length && to - from < maxKeys && (to === from || keyBound + 4 + 3 * keys[to].length <= keyBudget)) {
      keyBound += 4 + 3 * keys[to].length;
      to++;
    }
    w.begin(headBound + 4 + keyBound);
    writeHead();
    // Near the limit, the exact size of the whole call, as if sent at once:
    // the head as written, the keys counted.
    if (from === 0 && bound > MAX_REQUEST_BYTES && w.pos - w.base + 4 + utf8Bytes(keys) > MAX_REQUEST_BYTES) throw tooLarge();
    w.u32(to - from);
    for (let i = from; i < to; i++) w.str(keys[i]);
    const r = w.finishBytes(trim);
    if (!r.ok && r.field === 'key') r.index += from;
    const [chunkUrlBytes, keyBytes] = onChunk(r, from);
    if (to > from) perKey = Math.max(perKey, keyBytes / (to - from));
    if ((urlBytes += chunkUrlBytes) > MAX_URLS_BYTES) {
      throw invalid('ERR_TOO_LARGE', 'request', 'would give over 256 MiB of URLs: split the batch');
    }
    from = to;
  } while (from < keys.length);
}

// Exact UTF-8 bytes of well-formed strings on the wire (u32 length each).
function utf8Bytes(strings) {
  let n = 0;
  for (const s of strings) {
    n += 4 + s.length;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) n += c < 0x800 || (c >= 0xd800 && c < 0xe000) ? 1 : 2; // a surrogate pair: 4 bytes for 2 units
    }
  }
  return n;
}

// Upper bound of the UTF-8 bytes a string list needs on the wire.
export function bytesBound(strings) {
  let n = 0;
  for (const s of strings) n += 4 + 3 * s.length;
  return n;
}
