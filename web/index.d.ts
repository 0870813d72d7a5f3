// Types for 'cos-presign' (COS signatures; the module without SigV4).
// 'cos-presign/sigv4' has its own file, sigv4.d.ts, which adds SigV4 to
// these. Hand-written: Emscripten 3.1.6 cannot emit them.

/** Every error thrown by cos-presign. `code` is stable; the message never contains a secret. */
export class CosPresignError extends Error {
  readonly code: string;
  /** The option at fault, e.g. "key", "query name", "secretKey". */
  readonly field?: string;
  /** Position of the bad key in a batch. */
  readonly index?: number;
}
/** An option is missing, has the wrong type, or holds a value that cannot be signed. */
export class InvalidArgumentError extends CosPresignError {}
/** The WebAssembly module could not be loaded ("ERR_WASM_LOAD"), or lacks what a call needs ("ERR_NOT_IN_MODULE": SigV4 from 'cos-presign' rather than 'cos-presign/sigv4'). */
export class InitError extends CosPresignError {}

/** Query parameters: `null` is a parameter without a value (e.g. image processing); `undefined` is left out. */
export type Query = Record<string, string | number | null | undefined>;
export type Headers = Record<string, string | number | undefined>;

/** The signing window: either `keyTime` ("start;end", unix seconds), or `startTime` (default now) with `expires` (seconds, default 900) or `endTime`. */
export interface SigningWindow {
  keyTime?: string;
  startTime?: number;
  expires?: number;
  endTime?: number;
}

export interface AuthorizationOptions extends SigningWindow {
  secretId: string;
  secretKey: string;
  /** Default "get". */
  method?: string;
  /** Object key; a leading "/" is optional. Give `key` or `pathname`. */
  key?: string;
  /** Request path as sent, e.g. "/" for bucket-level requests. */
  pathname?: string;
  query?: Query;
  /** Every header given is signed (Host, Date, Range, x-cos-*, ...). */
  headers?: Headers;
}

export interface PresignCommonOptions extends SigningWindow {
  secretId: string;
  secretKey: string;
  /** The STS token of temporary credentials; sent as x-cos-security-token. */
  sessionToken?: string;
  /** "examplebucket-1250000000". Needed unless `domain` does not use it. */
  bucket?: string;
  /** "ap-guangzhou". Needed unless `domain` does not use it. */
  region?: string;
  /** Default "get". */
  method?: string;
  /** Signed and carried in the URL. */
  query?: Query;
  /** Signed in addition to host; the client must send them. */
  headers?: Headers;
  /** "https" (default) or "http". */
  protocol?: 'https' | 'http' | 'https:' | 'http:';
  /** Custom host (with optional :port), may use {Bucket}, {Region}, {AppId}, {BucketName}. Not a CDN domain: CDNs cannot carry COS signatures. */
  domain?: string;
}

export interface PresignOptions extends PresignCommonOptions {
  key: string;
}

export interface Signer {
  /** The Authorization value COS takes in a header. */
  authorization(options: AuthorizationOptions): string;
  /** One pre-signed URL. Synchronous. */
  presignUrl(options: PresignOptions): string;
  /** One URL per key, sharing every other option, in one pass. */
  presignUrls(common: PresignCommonOptions, keys: readonly string[]): string[];
}

/** Where the wasm comes from: a URL, a fetch Response, bytes, or a compiled module (or a promise of one). */
export type WasmSource =
  | string
  | URL
  | Response
  | ArrayBuffer
  | ArrayBufferView
  | WebAssembly.Module
  | PromiseLike<Response | ArrayBuffer | ArrayBufferView | WebAssembly.Module>;

/** Loads the wasm once; later calls return the same promise. Default: cos-presign-core.wasm next to the package's module. */
export function init(source?: WasmSource): Promise<Signer>;

/** Credentials could not be obtained or are unusable. Codes: ERR_CREDENTIALS_HTTP (see `status`),
 * ERR_CREDENTIALS_NOT_JSON, ERR_CREDENTIALS_INVALID, ERR_CREDENTIALS_EXPIRED, ERR_CREDENTIALS_FETCH,
 * ERR_CREDENTIALS_TIMEOUT, ERR_CREDENTIALS_PROVIDER. The underlying error, if any, is `cause`. */
export class CredentialsError extends CosPresignError {
  readonly status?: number;
}
/** ERR_EXPIRES_BEYOND_CREDENTIALS (with strictExpiry), ERR_NOT_READY (getObjectUrlSync, getUploadUrlSync), ERR_DISPOSED. */
export class ExpiryError extends CosPresignError {}

/** Unix seconds; a string of digits is accepted too (some backends stringify them). */
export type UnixSeconds = number | string;

/**
 * What backends already return, taken as it is: the JSON of qcloud-cos-sts, the data of cos-js-sdk-v5's
 * getAuthorization callback, the plain shape, or (for SigV4, also accepted for COS) AWS STS's
 * `{ Credentials: { AccessKeyId, ... } }`, its inner object, and the AWS SDK v3 credential identity.
 */
export type TemporaryCredentials = (
  | { credentials: { tmpSecretId: string; tmpSecretKey: string; sessionToken: string }; startTime?: UnixSeconds; expiredTime: UnixSeconds; expiration?: string; ScopeLimit?: boolean }
  | { credentials: { tmpSecretId: string; tmpSecretKey: string; sessionToken: string }; startTime?: UnixSeconds; expiration: string; ScopeLimit?: boolean }
  | { TmpSecretId: string; TmpSecretKey: string; SecurityToken: string; StartTime?: UnixSeconds; ExpiredTime: UnixSeconds; ScopeLimit?: boolean }
  | { TmpSecretId: string; TmpSecretKey: string; XCosSecurityToken: string; StartTime?: UnixSeconds; ExpiredTime: UnixSeconds; ScopeLimit?: boolean }
  | { secretId: string; secretKey: string; sessionToken: string; startTime?: UnixSeconds; expiredTime: UnixSeconds; scopeLimit?: boolean }
  | { Credentials: AwsStsCredentials; ScopeLimit?: boolean }
  | (AwsStsCredentials & { ScopeLimit?: boolean })
  | { accessKeyId: string; secretAccessKey: string; sessionToken: string; expiration: Date | string | number; scopeLimit?: boolean }
) & CredentialsClockAndActions;

/** AWS STS AssumeRole's `Credentials` (`Expiration`: an ISO 8601 string, a Date or unix seconds). */
export interface AwsStsCredentials {
  AccessKeyId: string;
  SecretAccessKey: string;
  SessionToken: string;
  Expiration: Date | string | number;
}

/** What a request needs, so a backend can issue least-privilege credentials. */
export interface CredentialScope {
  bucket: string;
  region: string;
  keys: string[];
  /** Downloads: 'name/cos:GetObject' ('s3:GetObject' with SigV4); uploads: 'name/cos:PutObject' ('s3:PutObject'). CosCompat's HEAD: 'name/cos:HeadObject'. */
  action: CredentialAction;
}

/** Where credentials come from: the URL of a JSON endpoint (GET, with ?action&bucket&region&prefix[&key]) or an async function. */
export type CredentialsSource = string | URL | ((scope: CredentialScope) => TemporaryCredentials | Promise<TemporaryCredentials>);

/** The options every presigner takes, whatever it signs. */
export interface PresignerCommonOptions {
  bucket: string;
  region: string;
  credentials: CredentialsSource;
  /** Refresh credentials this many seconds before they expire (default 60). */
  refreshMargin?: number;
  /** Server clock minus this page's clock, in ms. Default: inferred from the credentials endpoint. */
  clockOffset?: number;
  /** Default URL lifetime in seconds (900). */
  expires?: number;
  /** Throw ExpiryError instead of shortening a URL to the credentials' expiry. */
  strictExpiry?: boolean;
  /** Cache credentials per scope even if the backend does not say ScopeLimit. */
  scopeLimit?: boolean;
  /** Retries for network errors and HTTP 5xx (default 2), first delay in ms (300, doubling). */
  retries?: number;
  retryDelay?: number;
  /** Credential request timeout in ms (10000). */
  timeout?: number;
  fetch?: typeof fetch;
  /** Clock for tests: ms since the epoch (default Date.now). */
  now?: () => number;
  /** Where the wasm comes from (see init()). */
  wasm?: WasmSource;
}

/** createPresigner's options for COS signatures. */
export interface PresignerOptions extends PresignerCommonOptions {
  /** Custom origin host template ({Bucket}, {Region}, {AppId}, {BucketName}, optional :port). Not a CDN domain. */
  domain?: string;
  protocol?: 'https' | 'http';
  /** Use {Bucket}.cos.accelerate.myqcloud.com. */
  accelerate?: boolean;
  /** "cos" (the default and, from 'cos-presign', the only kind). SigV4 URLs: createPresigner from 'cos-presign/sigv4'. */
  signature?: 'cos';
}

export interface UrlOptions {
  /** Seconds (default: the presigner's `expires`, 900). Never beyond the credentials' expiry. */
  expires?: number;
  /** Save as this file name (signed response-content-disposition: attachment), or `true` for attachment. */
  download?: string | true;
  /** Show in the browser (response-content-disposition: inline), optionally with a file name. */
  inline?: string | true;
  versionId?: string;
  /** Signed response-content-type. */
  responseContentType?: string;
  /** More signed query parameters; null for parameters without a value (image processing). */
  query?: Query;
  strictExpiry?: boolean;
}

export interface UrlDetails {
  url: string;
  /** When the URL stops working, on this page's clock. */
  expiresAt: Date;
  /** The signed window in unix seconds, server clock. */
  startTime: number;
  endTime: number;
  /** True if the URL was shortened to the credentials' expiry. */
  clamped: boolean;
  /** Where the server's time came from (see ClockSource). */
  clock: ClockSource;
}

export interface Presigner {
  /** Server clock minus this page's clock, in ms. */
  readonly clockOffset: number;
  /** Loads the wasm and credentials, so getObjectUrlSync() works. */
  ready(): Promise<void>;
  getObjectUrl(key: string, options?: UrlOptions): Promise<string>;
  getObjectUrlDetails(key: string, options?: UrlOptions): Promise<UrlDetails>;
  /** One credential look-up, one signing pass. */
  getObjectUrls(keys: readonly string[], options?: UrlOptions): Promise<string[]>;
  getObjectUrlsDetails(keys: readonly string[], options?: UrlOptions): Promise<Omit<UrlDetails, 'url'> & { urls: string[] }>;
  /** Throws ExpiryError ERR_NOT_READY unless the wasm and fresh credentials are held. */
  getObjectUrlSync(key: string, options?: UrlOptions): string;
  /** A pre-signed PUT for `key`, with credentials asked for the upload action on that key. */
  getUploadUrl(key: string, options?: UploadOptions): Promise<UploadUrl>;
  /** Synchronous once upload credentials are held (after a getUploadUrl); else ExpiryError ERR_NOT_READY. */
  getUploadUrlSync(key: string, options?: UploadOptions): UploadUrl;
  /** Forgets the credentials; later calls throw ERR_DISPOSED. */
  dispose(): void;
  /** What JSON.stringify shows: the bucket and region, never credentials. */
  toJSON(): { bucket: string; region: string; disposed: boolean };
}

export function createPresigner(options: PresignerOptions): Presigner;

/** Drop-in for cos-js-sdk-v5's `new COS({ getAuthorization }).getObjectUrl(params, callback)`. */
export class CosCompat {
  constructor(options: {
    getAuthorization: (options: { Bucket: string; Region: string; Method: string; Key: string; Pathname: string; Scope: { action: string; bucket: string; region: string; prefix: string }[] }, callback: (credentials: TemporaryCredentials | Error) => void) => void;
    Protocol?: 'https:' | 'http:';
    Domain?: string;
    UseAccelerate?: boolean;
    SystemClockOffset?: number;
  });
  getObjectUrl(params: CompatUrlParams, callback: (err: Error | null, data?: { Url: string }) => void): void;
  getObjectUrl(params: CompatUrlParams): Promise<{ Url: string }>;
}

// ---- Uploads: pre-signed PUT URLs, the upload scope, the clock's source ----

/** The CAM action a credentials request is for. */
export type CredentialAction = 'name/cos:GetObject' | 'name/cos:PutObject' | 'name/cos:HeadObject' | 's3:GetObject' | 's3:PutObject';

/** Optional in every credentials shape. */
export interface CredentialsClockAndActions {
  /** The backend's clock when it answered, unix seconds: lets the page correct its own clock (and tell stale credentials from skew). */
  serverTime?: UnixSeconds;
  ServerTime?: UnixSeconds;
  /** Actions these credentials serve besides the one asked for, e.g. both GetObject and PutObject: cached once for all. */
  actions?: string[];
  Actions?: string[];
}

/** Where a URL's clock came from: an explicit clockOffset, the backend's serverTime, its HTTP Date header, credentials starting in the page's future, or the page's own clock. */
export type ClockSource = 'clockOffset' | 'serverTime' | 'date' | 'startTime' | 'page';

export interface UploadOptions {
  /** The Content-Type the client sends, signed (default "application/octet-stream"). Send `headers` as returned. */
  contentType?: string;
  /** Signs Content-Length: the upload must be exactly this many bytes. Browsers set it from the body, so it is not in the returned headers. */
  contentLength?: number;
  /** More signed headers the client sends: x-cos-meta-*, x-cos-storage-class, Content-MD5, Content-Disposition, ... (SigV4: x-amz-meta-*, ...). */
  headers?: Headers;
  /** Seconds (default: the presigner's `expires`); never beyond the credentials. The transfer must finish within it. */
  expires?: number;
  strictExpiry?: boolean;
}

export interface UploadUrl {
  url: string;
  method: 'PUT';
  /** Exactly what to send with the PUT, each signed; Content-Type first. */
  headers: Record<string, string>;
  /** When the URL stops working, on this page's clock. */
  expiresAt: Date;
  /** The signed window in unix seconds, server clock. */
  startTime: number;
  endTime: number;
  clamped: boolean;
  clock: ClockSource;
}

/** cos-js-sdk-v5's getObjectUrl params that CosCompat takes. */
export interface CompatUrlParams {
  Bucket: string;
  Region: string;
  Key: string;
  /** "GET" (default), "HEAD" or "PUT". */
  Method?: string;
  /** As in cos-js-sdk-v5: of these, the ones it signs (x-cos-*, x-ci-*, Content-Length, Content-MD5, Range, If-*, ...; not Content-Type) are signed. */
  Headers?: Headers;
  Sign?: boolean;
  Expires?: number;
  Query?: Query;
  Protocol?: string;
  Domain?: string;
  UseAccelerate?: boolean;
}

// ---- explainUrl: exported by both entries ----

/** What the client will send with the link, for explainUrl to check it against. */
export interface ExplainOptions {
  /** The secret key (COS) or secret access key (SigV4): to check the signature. Never in the result. */
  secretKey?: string;
  /** The method the client will use. Default "GET". */
  method?: string;
  /** The headers the client will send (uploads: Content-Type, x-cos-meta-*, ...); `host` comes from the URL. */
  headers?: Headers;
  /** The caller's clock: a Date or unix seconds. Default now. */
  now?: Date | number;
  /** Milliseconds to add to `now` (server clock minus caller clock). */
  clockOffset?: number;
}

export interface ExplainedPart {
  name: string;
  /** The decoded value; null for a parameter without "=", a signed parameter missing from the URL, or a signed header not given. */
  value: string | null;
}

export type ExplainProblemCode =
  | 'LINK_EXPIRED' | 'LINK_NOT_YET_VALID' | 'PARAM_NOT_SIGNED' | 'SIGNED_PARAM_MISSING' | 'SIGNED_HEADER_NOT_SENT'
  | 'HOST_NOT_SIGNED' | 'SIGN_TIME_MISMATCH' | 'SIGNATURE_MISMATCH' | 'RAW_PLUS_IN_PATH' | 'EXPIRES_TOO_LONG'
  | 'SCOPE_DATE_MISMATCH';

export interface ExplainProblem {
  code: ExplainProblemCode;
  /** The URL parameter, header, parameter name or input at fault, e.g. "q-sign-time", "content-type", "key". */
  field: string;
  message: string;
}

/** What a pre-signed link grants and how it was signed. JSON as is; the C++ library's explain prints the same. */
export interface Explanation {
  kind: 'cos' | 'sigv4';
  /** The method assumed (options.method, uppercase). */
  method: string;
  /** host[:port] as in the URL. */
  host: string;
  /** Where the host (or a path-style path) tells them; else null. */
  bucket: string | null;
  region: string | null;
  /** The decoded object key, without a leading "/". */
  key: string;
  /** COS q-ak, or the SigV4 credential's access key id. */
  accessKeyId: string;
  /** The signed window, unix seconds. */
  start: number;
  end: number;
  /** The caller's clock (options.now + clockOffset), unix seconds. */
  now: number;
  /** end - now: negative once expired. */
  secondsLeft: number;
  /** Lowercase names in signed order; host from the URL, others from options.headers (null if not given). */
  signedHeaders: ExplainedPart[];
  /** Decoded, in signed order (SigV4: every parameter but X-Amz-Signature, including X-Amz-*). */
  signedParams: ExplainedPart[];
  /** Decoded, in URL order: the COS session token and anything unsigned (SigV4: always empty). */
  unsignedParams: ExplainedPart[];
  canonical: { httpString: string; stringToSign: string } | { canonicalRequest: string; stringToSign: string; credentialScope: string };
  /** The signature as the URL carries it. */
  signature: string;
  /** Present only when options.secretKey was given. */
  verified?: boolean;
  /** [] when none was found. */
  problems: ExplainProblem[];
}

/**
 * Explains a pre-signed COS or SigV4 URL with an independent verifier (WebCrypto, no wasm). Rejects with an
 * InvalidArgumentError: ERR_INVALID_URL (not a URL), ERR_NOT_PRESIGNED_URL (not a pre-signed COS or SigV4 URL),
 * or an option's code; with a CosPresignError ERR_NO_WEBCRYPTO where crypto.subtle is missing (insecure pages).
 */
export function explainUrl(url: string | URL, options?: ExplainOptions): Promise<Explanation>;

