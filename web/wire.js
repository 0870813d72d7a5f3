// Writes requests in the core's buffer protocol (src/core/request_codec.h)
// straight into wasm linear memory and reads the response back, so a whole
// batch crosses the JS/wasm boundary in one call.
import { invalid } from './errors.js';

export const OP_AUTHORIZATION = 1;
export const OP_PRESIGN_URLS = 2;

// The core's limits (src/core/request_codec.h): the input buffer the wrapper
// may reserve (its upper bound of 3 bytes per UTF-16 unit), so a huge call is
// refused with a code before it can exhaust wasm memory.
export const MAX_INPUT_BUFFER = 3 * 64 * 1024 * 1024;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

const hasIsWellFormed = typeof ''.isWellFormed === 'function';
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

// TextEncoder would silently turn a lone surrogate into U+FFFD and sign a
// different string than the caller gave: refuse it instead.
export function checkWellFormed(s, field, index) {
  if (hasIsWellFormed ? !s.isWellFormed() : LONE_SURROGATE.test(s)) {
    throw invalid('ERR_LONE_SURROGATE', field, 'contains a lone UTF-16 surrogate', index);
  }
}

export class WireWriter {
  constructor(core) {
    this.core = core;
    this.capacity = 0;
    this.base = 0;
    this.heap = null;
    this.pos = 0;
    this.slot = core.responseSlot() >>> 2; // static address: ask once
  }

  // Makes room for `bound` bytes (an upper bound of what will be written).
  begin(bound) {
    if (!(bound <= MAX_INPUT_BUFFER)) {
      throw invalid('ERR_TOO_LARGE', 'request', 'is over 64 MiB as UTF-8: split it into smaller calls');
    }
    if (bound > this.capacity) {
      const capacity = Math.max(bound, Math.min(this.capacity * 2, MAX_INPUT_BUFFER), 4096);
      const base = this.core.reserveInput(capacity);
      if (base === 0) throw invalid('ERR_TOO_LARGE', 'request', 'is over 64 MiB as UTF-8: split it into smaller calls');
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
    const start = this.pos + 4;
    const { written } = encoder.encodeInto(s, this.heap.subarray(start, this.base + this.capacity));
    this.u32(written);
    this.pos = start + written;
  }

  // [[name, value|null], ...]: null is a parameter without a value.
  params(list) {
    this.u32(list.length);
    for (const [name, value] of list) {
      this.str(name);
      this.u8(value === null ? 0 : 1);
      this.str(value === null ? '' : value);
    }
  }

  // Runs the request: { ok: true, text } or { ok: false, code, field, message, index }.
  finish() {
    const ok = this.core.handleRequest(this.pos - this.base);
    const u32 = this.core.HEAPU32;
    const ptr = u32[this.slot];
    const text = decoder.decode(this.core.HEAPU8.subarray(ptr, ptr + u32[this.slot + 1]));
    if (ok) return { ok, text };
    const [code, field, message, index] = text.split('\x1f');
    return { ok, code, field, message, index: Number(index) };
  }
}

// Upper bound of the UTF-8 bytes a string list needs on the wire.
export function bytesBound(strings) {
  let n = 0;
  for (const s of strings) n += 4 + 3 * s.length;
  return n;
}
