// Types for cos-presign and cos-presign/sigv4 (the same API; the second loads
// the module with SigV4). Hand-written: Emscripten 3.1.6 cannot emit them.

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

/** Options shared by every URL of a SigV4 batch (S3, COS's S3 API, Cloudflare R2, MinIO, ...). */
export interface PresignV4CommonOptions {
  accessKeyId: string;
  secretAccessKey: string;
  /** Temporary credentials' token; signed in the query as X-Amz-Security-Token. */
  sessionToken?: string;
  /** "us-east-1"; "auto" for R2; the COS region (e.g. "ap-guangzhou") for COS. */
  region: string;
  /** Default "s3". */
  service?: string;
  /**
   * Default: AWS S3 (`https://{bucket}.s3.{region}.amazonaws.com`). Otherwise a URL without path:
   * "https://{account}.r2.cloudflarestorage.com", "https://cos.ap-guangzhou.myqcloud.com",
   * "http://127.0.0.1:9000"; a bare "host[:port]" means https.
   */
  endpoint?: string;
  /** S3 bucket name. May be left out only when `endpoint` already is the bucket's own host. */
  bucket?: string;
  /** Default "GET"; sent and signed in uppercase. */
  method?: string;
  /** Signed and carried in the URL; `null` is a parameter without a value. */
  query?: Query;
  /** Signed in addition to host; the client must send them. */
  headers?: Headers;
  /** Seconds, 1 to 604800 (7 days); default 900. */
  expires?: number;
  /** The signing time (X-Amz-Date): a Date or unix seconds. Default now. */
  date?: Date | number;
  /**
   * true: `{endpoint}/{bucket}/{key}`; false: `{bucket}.{endpoint}/{key}`. Default: path style when the
   * endpoint is an IP address, localhost or has a port (MinIO), or the bucket has a dot; otherwise virtual-hosted.
   */
  pathStyle?: boolean;
}

export interface PresignV4Options extends PresignV4CommonOptions {
  /** The object key, used verbatim (a leading "/" is part of the key). */
  key: string;
}

export interface Signer {
  /** The Authorization value COS takes in a header. */
  authorization(options: AuthorizationOptions): string;
  /** One pre-signed URL. Synchronous. */
  presignUrl(options: PresignOptions): string;
  /** One URL per key, sharing every other option, in one pass. */
  presignUrls(common: PresignCommonOptions, keys: readonly string[]): string[];
  /** One AWS Signature V4 pre-signed URL. Synchronous. Needs the signer from 'cos-presign/sigv4' (else ERR_NOT_IN_MODULE). */
  presignUrlV4(options: PresignV4Options): string;
  /** One SigV4 URL per key, sharing every other option, in one pass ('cos-presign/sigv4'). */
  presignUrlsV4(common: PresignV4CommonOptions, keys: readonly string[]): string[];
}

/** Where the wasm comes from: a URL, a fetch Response (or its promise), bytes, or a compiled module. */
export type WasmSource =
  | string
  | URL
  | Response
  | PromiseLike<Response>
  | ArrayBuffer
  | ArrayBufferView
  | WebAssembly.Module;

/** Loads the wasm once; later calls return the same promise. */
export function init(source?: WasmSource): Promise<Signer>;

/** Credentials could not be obtained or are unusable. Codes: ERR_CREDENTIALS_HTTP (see `status`),
 * ERR_CREDENTIALS_NOT_JSON, ERR_CREDENTIALS_INVALID, ERR_CREDENTIALS_EXPIRED, ERR_CREDENTIALS_FETCH,
 * ERR_CREDENTIALS_TIMEOUT, ERR_CREDENTIALS_PROVIDER. The underlying error, if any, is `cause`. */
export class CredentialsError extends CosPresignError {
  readonly status?: number;
}
/** ERR_EXPIRES_BEYOND_CREDENTIALS (with strictExpiry), ERR_CREDENTIALS_EXPIRED, ERR_NOT_READY (getObjectUrlSync). */
export class ExpiryError extends CosPresignError {}

/** What backends already return: qcloud-cos-sts JSON, cos-js-sdk-v5's getAuthorization data, or the plain shape. */
export type TemporaryCredentials = (
  | { credentials: { tmpSecretId: string; tmpSecretKey: string; sessionToken: string }; startTime?: number; expiredTime?: number; expiration?: string; ScopeLimit?: boolean }
  | { TmpSecretId: string; TmpSecretKey: string; SecurityToken?: string; XCosSecurityToken?: string; StartTime?: number; ExpiredTime: number; ScopeLimit?: boolean }
  | { secretId: string; secretKey: string; sessionToken: string; startTime?: number; expiredTime: number; scopeLimit?: boolean }
) & CredentialsClockAndActions;

/** What a request needs, so a backend can issue least-privilege credentials. */
export interface CredentialScope {
  bucket: string;
  region: string;
  keys: string[];
  /** Downloads: 'name/cos:GetObject' ('s3:GetObject' with SigV4); uploads: 'name/cos:PutObject' ('s3:PutObject'). CosCompat's HEAD: 'name/cos:HeadObject'. */
  action: CredentialAction;
}

export interface PresignerOptions {
  bucket: string;
  region: string;
  /** URL of a JSON endpoint (GET, with ?action&bucket&region&prefix[&key]) or an async function. */
  credentials: string | URL | ((scope: CredentialScope) => TemporaryCredentials | Promise<TemporaryCredentials>);
  /** Custom origin host template ({Bucket}, {Region}, {AppId}, {BucketName}, optional :port). Not a CDN domain. */
  domain?: string;
  protocol?: 'https' | 'http';
  /** Use {Bucket}.cos.accelerate.myqcloud.com. */
  accelerate?: boolean;
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
  /** "cos" (default): COS signatures. "v4": AWS Signature V4 URLs (S3, R2, MinIO, COS's S3 API); needs createPresigner from 'cos-presign/sigv4' (from 'cos-presign', createPresigner throws ERR_NOT_IN_MODULE). */
  signature?: 'cos' | 'v4';
  /** With signature "v4": the endpoint (see PresignV4CommonOptions.endpoint); default AWS S3. */
  endpoint?: string;
  /** With signature "v4": see PresignV4CommonOptions.pathStyle. */
  pathStyle?: boolean;
  /** With signature "v4": default "s3". */
  service?: string;
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
  /** Forgets the credentials; later calls throw ERR_DISPOSED. */
  dispose(): void;
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

// ---- Uploads (issue 12): pre-signed PUT URLs, the upload scope, the clock's source ----
// Kept in one block so it can be moved into the per-entry declaration files as a whole.

/** The CAM action a credentials request is for. */
export type CredentialAction = 'name/cos:GetObject' | 'name/cos:PutObject' | 'name/cos:HeadObject' | 's3:GetObject' | 's3:PutObject';

/** Optional in every credentials shape. */
export interface CredentialsClockAndActions {
  /** The backend's clock when it answered, unix seconds: lets the page correct its own clock (and tell stale credentials from skew). */
  serverTime?: number;
  ServerTime?: number;
  /** Actions these credentials serve besides the one asked for, e.g. both GetObject and PutObject: cached once for all. */
  actions?: string[];
  Actions?: string[];
}

/** Where a URL's clock came from: an explicit clockOffset, the backend's serverTime, its HTTP Date header, credentials starting in the page's future, or the page's own clock. */
export type ClockSource = 'clockOffset' | 'serverTime' | 'date' | 'startTime' | 'page';

export interface UrlDetails {
  clock: ClockSource;
}

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

export interface Presigner {
  /** A pre-signed PUT for `key`, with credentials asked for the upload action on that key. */
  getUploadUrl(key: string, options?: UploadOptions): Promise<UploadUrl>;
  /** Synchronous once upload credentials are held (after a getUploadUrl); else ExpiryError ERR_NOT_READY. */
  getUploadUrlSync(key: string, options?: UploadOptions): UploadUrl;
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
// ---- end of uploads ----
