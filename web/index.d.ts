// Types for cos-presign. Hand-written: Emscripten 3.1.6 cannot emit them.

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
/** The WebAssembly module could not be loaded (code "ERR_WASM_LOAD"). */
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
  /** One AWS Signature V4 pre-signed URL. Synchronous. */
  presignUrlV4(options: PresignV4Options): string;
  /** One SigV4 URL per key, sharing every other option, in one pass. */
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
