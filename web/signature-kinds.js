// The two kinds of URL a presigner makes, COS signatures and AWS SigV4: the
// actions a backend is asked for, and how credentials, a window and a
// request become the signer's options. The signer checks every value.
import { invalid } from './errors.js';

export const ACTION_GET_OBJECT = 'name/cos:GetObject';
export const ACTION_PUT_OBJECT = 'name/cos:PutObject';
export const ACTION_S3_GET_OBJECT = 's3:GetObject';
export const ACTION_S3_PUT_OBJECT = 's3:PutObject';
export const MAX_V4_EXPIRES = 604800; // SigV4's limit: 7 days; S3 refuses longer links

export function expiresTooLongForV4() {
  return invalid('ERR_EXPIRES_TOO_LONG', 'expires', `must be at most ${MAX_V4_EXPIRES} seconds (7 days), the SigV4 limit`);
}

export const COS_SIGNATURE = {
  actions: { get: ACTION_GET_OBJECT, put: ACTION_PUT_OBJECT },
  maxExpires: Infinity,
  // target: { bucket, region, domain, protocol }
  common(target, credentials, window, method, request) {
    return {
      secretId: credentials.secretId,
      secretKey: credentials.secretKey,
      sessionToken: credentials.sessionToken,
      bucket: target.bucket,
      region: target.region,
      domain: target.domain,
      protocol: target.protocol,
      method,
      startTime: window.startTime,
      endTime: window.endTime,
      query: request.query,
      headers: request.headers,
    };
  },
  one: (signer, common, key) => signer.presignUrl({ ...common, key }),
  many: (signer, common, keys) => signer.presignUrls(common, keys),
};

export const V4_SIGNATURE = {
  actions: { get: ACTION_S3_GET_OBJECT, put: ACTION_S3_PUT_OBJECT },
  maxExpires: MAX_V4_EXPIRES,
  // target: { bucket, region, endpoint, pathStyle, service }. S3 signs the
  // payload as UNSIGNED-PAYLOAD: a PUT URL does not pin the body, only its headers.
  common(target, credentials, window, method, request) {
    return {
      accessKeyId: credentials.secretId,
      secretAccessKey: credentials.secretKey,
      sessionToken: credentials.sessionToken,
      region: target.region,
      bucket: target.bucket,
      endpoint: target.endpoint,
      pathStyle: target.pathStyle,
      service: target.service,
      method: method.toUpperCase(),
      date: window.startTime,
      expires: window.endTime - window.startTime,
      query: request.query,
      headers: request.headers,
    };
  },
  one: (signer, common, key) => signer.presignUrlV4({ ...common, key }),
  many: (signer, common, keys) => signer.presignUrlsV4(common, keys),
};
