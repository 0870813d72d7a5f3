// The server's clock as the page knows it, and the signing window it gives.
// A page's clock can be hours off; stale credentials can look like one.
// Skew is inferred only from an independent clock (the backend's serverTime
// or its HTTP Date header) or from a start in the page's future (a stale
// cache cannot produce one). An expiry in the page's past is ambiguous, so
// it is an error that names the fix, never a guess.
import { CredentialsError, ExpiryError } from './errors.js';

// The URL's window opens this long before "now", so a server clock slightly
// behind ours still accepts it. Only the end bounds what a link can do.
const START_LEEWAY_S = 60;
// Date and serverTime have 1 s resolution: smaller differences are noise.
const SKEW_THRESHOLD_MS = 2000;

export class ServerClock {
  #explicit;
  #inferred = 0;
  #source;
  #now;

  constructor(explicitOffset, now) {
    this.#explicit = explicitOffset;
    this.#now = now;
    this.#source = explicitOffset === undefined ? 'page' : 'clockOffset';
  }

  /** Server clock minus this page's clock, in ms. */
  get offset() {
    return this.#explicit !== undefined ? this.#explicit : this.#inferred;
  }

  /** Where the offset came from: 'clockOffset', 'serverTime', 'date', 'startTime', or 'page' (no correction). */
  get source() {
    return this.#source;
  }

  pageNowMs() {
    return this.#now();
  }

  serverNowMs() {
    return this.#now() + this.offset;
  }

  /** Learns from one credentials answer received at `receivedAt` (page ms). */
  learn(credentials, serverDateMs, receivedAt) {
    if (this.#explicit !== undefined) return;
    const measure = (serverMs, source) => {
      const measured = serverMs + 500 - receivedAt; // both have 1 s resolution
      this.#inferred = Math.abs(measured) > SKEW_THRESHOLD_MS ? measured : 0;
      this.#source = source;
    };
    if (credentials.serverTime !== undefined) return measure(credentials.serverTime * 1000, 'serverTime');
    if (serverDateMs !== undefined) return measure(serverDateMs, 'date');
    const startMs = credentials.startTime === undefined ? undefined : credentials.startTime * 1000;
    if (startMs !== undefined && startMs > receivedAt + 1000) {
      this.#inferred = startMs - receivedAt;
      this.#source = 'startTime';
      return;
    }
    this.#inferred = 0;
    this.#source = 'page';
  }

  /** Throws ERR_CREDENTIALS_EXPIRED when credentials just received are already over. */
  checkFresh(credentials, receivedAt) {
    const nowS = (receivedAt + this.offset) / 1000;
    if (credentials.expiredTime > nowS) return;
    const ago = Math.ceil(nowS - credentials.expiredTime);
    if (this.#source === 'page') {
      throw new CredentialsError('ERR_CREDENTIALS_EXPIRED',
        `cos-presign: the credentials expired ${ago} s ago by this page's clock, and no server time came with them. `
        + 'If the backend serves them from a stale cache, fix that; if this page\'s clock is wrong, pass clockOffset, '
        + 'or have the backend send its time (serverTime in the JSON, or a Date header this page can read)');
    }
    throw new CredentialsError('ERR_CREDENTIALS_EXPIRED',
      `cos-presign: the credentials expired ${ago} s ago (server clock, from ${this.#source}): the backend handed out stale credentials`);
  }

  /**
   * The window of one URL: starts at server now (less a leeway, never before
   * the credentials' start), ends at now + expires, never after the
   * credentials' end (clamped, or ERR_EXPIRES_BEYOND_CREDENTIALS if strict).
   * `maxLifetime` (SigV4: 7 days) gives up leeway before lifetime.
   */
  window(request, credentials, maxLifetime = Infinity) {
    const offset = this.offset;
    const nowS = Math.floor((this.#now() + offset) / 1000);
    let startTime = nowS - START_LEEWAY_S;
    if (credentials.startTime !== undefined && credentials.startTime <= nowS) startTime = Math.max(startTime, credentials.startTime);
    let endTime = nowS + request.expires;
    const clamped = endTime > credentials.expiredTime;
    if (clamped) {
      if (request.strict) {
        throw new ExpiryError('ERR_EXPIRES_BEYOND_CREDENTIALS',
          `cos-presign: the credentials expire in ${credentials.expiredTime - nowS} s, before the ${request.expires} s asked for`);
      }
      endTime = credentials.expiredTime;
    }
    if (endTime <= nowS) throw new CredentialsError('ERR_CREDENTIALS_EXPIRED', 'cos-presign: the credentials have expired');
    startTime = Math.max(startTime, endTime - maxLifetime);
    return { startTime, endTime, expiresAt: new Date(endTime * 1000 - offset), clamped, clock: this.#source };
  }
}
