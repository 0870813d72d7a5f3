// Digests and HMACs for explainUrl, with WebCrypto (crypto.subtle: browsers,
// workers, Node 20, Deno, Bun, workerd), so the verifier shares no code with
// the wasm signer it checks.
import { CosPresignError } from './errors.js';

function subtle() {
  const s = globalThis.crypto && globalThis.crypto.subtle;
  if (!s) {
    // Browsers give crypto.subtle to secure contexts only (https, localhost).
    throw new CosPresignError('ERR_NO_WEBCRYPTO',
      'cos-presign: explainUrl needs WebCrypto (crypto.subtle), which this context lacks (browsers have it on https and localhost pages only)');
  }
  return s;
}

export function utf8(text) {
  return new TextEncoder().encode(text);
}

export function hex(bytes) {
  let out = '';
  for (const b of new Uint8Array(bytes)) out += (b < 16 ? '0' : '') + b.toString(16);
  return out;
}

/** 'SHA-1' or 'SHA-256' of a string's UTF-8, as lowercase hex. */
export async function digestHex(algorithm, text) {
  return hex(await subtle().digest(algorithm, utf8(text)));
}

/** HMAC of a string's UTF-8 under a key (bytes or a string, taken as UTF-8): raw bytes. */
export async function hmac(algorithm, key, text) {
  const s = subtle();
  const k = await s.importKey('raw', typeof key === 'string' ? utf8(key) : key, { name: 'HMAC', hash: algorithm }, false, ['sign']);
  return new Uint8Array(await s.sign('HMAC', k, utf8(text)));
}
