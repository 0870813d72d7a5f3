// fast-check generators for the text that trips COS signers: Unicode from
// every plane, spaces, '+', '%', '~', "!*'()", '/', and parameters with and
// without values.
import fc from 'fast-check';
import { camSafeEncode } from './cos-url.js';

const tricky = fc.constantFrom(' ', '+', '%', '~', '!', '*', "'", '(', ')', '/', '&', '=', '?', '#', ';', ':', '@', ',', '$', '"', '<', '\\', '^', '`', '{', '|');
const asciiPrintable = fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c));
const bmp = fc.oneof(
  fc.constantFrom('腾', '讯', '云', '报', '告', 'é', 'É', 'ß', 'Ω', 'ж', 'ا', '€', '\u00a0', '\u3000', '\ufeff'),
  fc.integer({ min: 0xa0, max: 0xd7ff }).map((c) => String.fromCharCode(c)),
  fc.integer({ min: 0xe000, max: 0xfffd }).map((c) => String.fromCharCode(c)),
);
const astral = fc.integer({ min: 0x10000, max: 0x10ffff }).map((c) => String.fromCodePoint(c));
const char = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...'abcXYZ019-_.') }, { weight: 3, arbitrary: tricky },
  { weight: 2, arbitrary: asciiPrintable }, { weight: 2, arbitrary: bmp }, { weight: 1, arbitrary: astral });

export const text = (opts = {}) => fc.array(char, { minLength: opts.minLength ?? 0, maxLength: opts.maxLength ?? 24 }).map((a) => a.join(''));

// An object key: not empty, not only slashes, no "." / ".." segments.
export const objectKey = text({ minLength: 1, maxLength: 40 }).filter(
  (k) => /[^/]/.test(k) && !k.replace(/^\//, '').split('/').some((s) => s === '.' || s === '..'),
);

export const queryValue = fc.oneof(text(), fc.integer().map(Number), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant(null));

// The order the official SDKs use for the "k=v&..." string (raw names,
// lowercased) differs from the documented one (encoded names, lowercased)
// when names contain encoded characters; keep to sets where they agree so
// that any disagreement found is ours.
export function sdkOrderAgrees(names) {
  const raw = [...names].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0));
  const enc = [...names].sort((a, b) => {
    const x = camSafeEncode(a).toLowerCase();
    const y = camSafeEncode(b).toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  });
  return raw.every((n, i) => n === enc[i]);
}

function distinctSigned(names) {
  const seen = new Set(names.map((n) => camSafeEncode(n).toLowerCase()));
  return seen.size === names.length;
}

const RESERVED = new Set(['q-sign-algorithm', 'q-ak', 'q-sign-time', 'q-key-time', 'q-header-list', 'q-url-param-list', 'q-signature', 'x-cos-security-token', 'sign']);

export const query = fc
  .dictionary(text({ minLength: 1, maxLength: 16 }).filter((n) => !/[\x00-\x1f\x7f]/.test(n)), queryValue, { maxKeys: 5, noNullPrototype: true })
  .filter((q) => {
    const names = Object.keys(q);
    return distinctSigned(names) && sdkOrderAgrees(names) && !names.some((n) => RESERVED.has(camSafeEncode(n).toLowerCase()));
  });

// Headers both SDKs sign (their whitelists' intersection, plus x-cos-*),
// in random letter case, with values a server would pass on unchanged.
const signableHeader = fc.oneof(
  fc.constantFrom('cache-control', 'content-disposition', 'content-encoding', 'content-length', 'content-md5',
    'expires', 'if-match', 'if-modified-since', 'if-none-match', 'if-unmodified-since', 'origin', 'range'),
  fc.stringMatching(/^[a-z0-9!#$%&'*+.^_`|~-]{1,10}$/).map((s) => `x-cos-${s}`),
).chain((name) => fc.array(fc.boolean(), { minLength: name.length, maxLength: name.length })
  .map((upper) => [...name].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join('')));
// Header values are ASCII: clients send header bytes as Latin-1.
const headerValue = fc.array(fc.oneof(asciiPrintable, tricky), { maxLength: 20 }).map((a) => a.join('')).filter((v) => v.trim() === v);

export const headers = fc
  .array(fc.tuple(signableHeader, headerValue), { maxLength: 4 })
  .map((pairs) => Object.fromEntries(pairs))
  .filter((h) => {
    const names = Object.keys(h);
    return distinctSigned(names) && sdkOrderAgrees(names);
  });

export const method = fc.constantFrom('get', 'GET', 'Head', 'put', 'POST', 'delete');
export const secretId = fc.stringMatching(/^AKID[A-Za-z0-9]{4,32}$/);
export const secretKey = text({ minLength: 1, maxLength: 40 });
export const keyTime = fc.tuple(fc.integer({ min: 0, max: 4e9 }), fc.integer({ min: 1, max: 1e6 })).map(([s, d]) => `${s};${s + d}`);
export const sessionToken = fc.oneof(fc.constant(''), fc.stringMatching(/^[A-Za-z0-9+/=_-]{1,80}$/));
