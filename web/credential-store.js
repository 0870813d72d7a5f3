// The presigner's credentials: asked from the provider per scope, kept until
// refreshMargin before they expire, one fetch shared by concurrent callers,
// retried on network errors and 5xx. Upload and download credentials are
// kept apart unless the backend lists both actions in `actions`; answers
// marked ScopeLimit are kept per scope.
import { CosPresignError, CredentialsError, ExpiryError } from './errors.js';
import { normalizeCredentials } from './credentials.js';

const MAX_SCOPED_ENTRIES = 64;

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function isRetryable(error) {
  return error.code === 'ERR_CREDENTIALS_FETCH' || (error.code === 'ERR_CREDENTIALS_HTTP' && error.status >= 500);
}

export function scopeKey(scope) {
  return [scope.bucket, scope.region, scope.action, ...[...scope.keys].sort()].join('\n');
}

export class CredentialStore {
  #provider;
  #clock;
  #refreshMargin;
  #retries;
  #retryDelay;
  #scopeLimited;
  #byAction = new Map(); // action -> credentials usable for any key
  #scoped = new Map(); // scope key -> credentials limited to that scope
  #inflight = new Map(); // action or scope key -> Promise<credentials>
  #disposed = false;

  constructor({ provider, clock, refreshMargin, retries, retryDelay, scopeLimit }) {
    this.#provider = provider;
    this.#clock = clock;
    this.#refreshMargin = refreshMargin;
    this.#retries = retries;
    this.#retryDelay = retryDelay;
    this.#scopeLimited = scopeLimit;
  }

  get disposed() {
    return this.#disposed;
  }

  checkUsable() {
    if (this.#disposed) throw new ExpiryError('ERR_DISPOSED', 'cos-presign: this presigner has been disposed');
  }

  dispose() {
    this.#disposed = true;
    this.#byAction.clear();
    this.#scoped.clear();
    this.#inflight.clear();
  }

  /** Credentials good for `scope` with more than `margin` seconds left, or null. */
  held(scope, margin = 0) {
    const nowS = this.#clock.serverNowMs() / 1000;
    const fresh = (c) => c && c.expiredTime - nowS > margin;
    const shared = this.#byAction.get(scope.action);
    if (fresh(shared)) return shared;
    const c = this.#scoped.get(scopeKey(scope));
    return fresh(c) ? c : null;
  }

  async get(scope) {
    for (;;) {
      this.checkUsable();
      const held = this.held(scope, this.#refreshMargin);
      if (held) return held;
      // Until the backend is known to scope its answers, one fetch per action serves everyone.
      const flightKey = this.#scopeLimited ? scopeKey(scope) : scope.action;
      let flight = this.#inflight.get(flightKey);
      if (!flight) {
        flight = this.#fetch(scope).finally(() => {
          if (this.#inflight.get(flightKey) === flight) this.#inflight.delete(flightKey);
        });
        this.#inflight.set(flightKey, flight);
      }
      const credentials = await flight;
      this.checkUsable();
      if (credentials.scopeLimit ? credentials.scopeKey === scopeKey(scope) : credentials.actions.includes(scope.action)) {
        return credentials;
      }
      // Limited to another scope or action: loop and fetch one for ours.
    }
  }

  async #fetch(scope) {
    for (let attempt = 0; ; attempt++) {
      try {
        let answer;
        try {
          answer = await this.#provider(scope);
        } catch (e) {
          if (e instanceof CosPresignError) throw e;
          throw new CredentialsError('ERR_CREDENTIALS_PROVIDER', 'cos-presign: the credentials function failed', { cause: e });
        }
        const receivedAt = this.#clock.pageNowMs();
        const credentials = normalizeCredentials(answer.raw);
        this.#clock.learn(credentials, answer.serverDateMs, receivedAt);
        this.#clock.checkFresh(credentials, receivedAt);
        this.#store(credentials, scope);
        return credentials;
      } catch (error) {
        if (attempt < this.#retries && isRetryable(error)) {
          await sleep(this.#retryDelay * 2 ** attempt);
          continue;
        }
        throw error;
      }
    }
  }

  #store(credentials, scope) {
    // Asked for one action, they serve that one, and others only if the backend says so.
    credentials.actions = [...new Set([scope.action, ...(credentials.actions || [])])];
    if (this.#disposed) return;
    if (credentials.scopeLimit) {
      this.#scopeLimited = true;
      credentials.scopeKey = scopeKey(scope);
      if (this.#scoped.size >= MAX_SCOPED_ENTRIES) this.#scoped.delete(this.#scoped.keys().next().value);
      this.#scoped.set(credentials.scopeKey, credentials);
    } else {
      for (const action of credentials.actions) this.#byAction.set(action, credentials);
    }
  }
}
