// Types for 'cos-presign/sigv4': everything 'cos-presign' declares (index.d.ts),
// with the signer, init() and createPresigner of the module that adds AWS
// Signature V4 (S3, COS's S3 API, Cloudflare R2, MinIO).
import type {
  Signer, WasmSource, Presigner, PresignerOptions, PresignerCommonOptions, Query, Headers,
} from './index.js';

export * from './index.js';

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

/** The signer of 'cos-presign/sigv4': COS signatures and AWS Signature V4 URLs. */
export interface SigV4Signer extends Signer {
  /** One AWS Signature V4 pre-signed URL. Synchronous. */
  presignUrlV4(options: PresignV4Options): string;
  /** One SigV4 URL per key, sharing every other option, in one pass (the signing key is derived once). */
  presignUrlsV4(common: PresignV4CommonOptions, keys: readonly string[]): string[];
}

/** Loads the COS + SigV4 wasm once; later calls return the same promise. Default: cos-presign-core-sigv4.wasm next to the package's module. */
export function init(source?: WasmSource): Promise<SigV4Signer>;

/** createPresigner's options for SigV4 URLs; the credentials function is asked for `action: "s3:GetObject"`. */
export interface PresignerV4Options extends PresignerCommonOptions {
  signature: 'v4';
  /** The endpoint (see PresignV4CommonOptions.endpoint); default AWS S3. */
  endpoint?: string;
  /** See PresignV4CommonOptions.pathStyle. */
  pathStyle?: boolean;
  /** Default "s3". */
  service?: string;
}

/** COS signatures (the default) or, with `signature: 'v4'`, SigV4 URLs. */
export function createPresigner(options: PresignerOptions | PresignerV4Options): Presigner;
