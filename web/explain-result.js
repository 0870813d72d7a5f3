// The parts of an explanation both signatures share: the window's problems,
// the search for the input a mismatched signature was made from, and the
// result object with its fields in the documented order (the C++ library's
// explain prints the same JSON).

function isoTime(seconds) {
  const d = new Date(seconds * 1000);
  return Number.isNaN(d.getTime()) ? `${seconds}` : d.toISOString().replace('.000Z', 'Z');
}

export function problem(code, field, message) {
  return { code, field, message };
}

/** LINK_NOT_YET_VALID or LINK_EXPIRED, or nothing, for the window start..end at `now`. */
export function windowProblems(start, end, now, startField, endField) {
  if (now < start) {
    return [problem('LINK_NOT_YET_VALID', startField,
      `the link is valid from ${isoTime(start)}, ${start - now} s after now (${isoTime(now)}); if this clock is wrong, pass clockOffset or now`)];
  }
  if (now > end) {
    return [problem('LINK_EXPIRED', endField,
      `the link expired at ${isoTime(end)}, ${now - end} s before now (${isoTime(now)}); if this clock is wrong, pass clockOffset or now`)];
  }
  return [];
}

/**
 * The SIGNATURE_MISMATCH problem: tries the usual suspects in order, each
 * { message, signature: () => Promise<hex> }, and names the first whose
 * signature is the link's; else `fallback`.
 */
export async function mismatch(field, signature, suspects, fallback) {
  for (const suspect of suspects) {
    if ((await suspect.signature()) === signature) {
      return problem('SIGNATURE_MISMATCH', field, `${field} does not match this link's request; it matches ${suspect.message}`);
    }
  }
  return problem('SIGNATURE_MISMATCH', field, `${field} does not match this link's request: ${fallback}`);
}

/** The explanation, fields in the documented order; `verified` only when a secret was given. */
export function explanation(f, input) {
  const out = {
    kind: f.kind,
    method: input.method,
    host: f.host,
    bucket: f.bucket,
    region: f.region,
    key: f.key,
    accessKeyId: f.accessKeyId,
    start: f.start,
    end: f.end,
    now: input.now,
    secondsLeft: f.end - input.now,
    signedHeaders: f.signedHeaders,
    signedParams: f.signedParams,
    unsignedParams: f.unsignedParams,
    canonical: f.canonical,
    signature: f.signature,
  };
  if (input.secretKey !== null) out.verified = f.verified;
  out.problems = f.problems;
  return out;
}

/** Host variants a signer may have signed: with the scheme's default port, or without the port. */
export function otherHosts(link) {
  if (link.hasPort) return [link.hostname]; // WHATWG keeps an IPv6 hostname's brackets
  return [`${link.host}:${link.protocol === 'https:' ? 443 : 80}`];
}

export const OTHER_METHODS = ['GET', 'HEAD', 'PUT', 'POST', 'DELETE'];

/** The mismatch message when no suspect matches. */
export function fallback(headers) {
  const unknown = headers.filter((h) => h.value === null).map((h) => h.name);
  if (unknown.length > 0) {
    return `the signed header${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} ${unknown.length > 1 ? 'are' : 'is'} not known: pass in options.headers the values the client sends`;
  }
  return 'the secret key differs, or the link was changed after it was signed (no other method, host or encoding matches)';
}
