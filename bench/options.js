// The one request every contender signs, so the comparison is the same work:
// temporary credentials with a session token of realistic STS length, the
// default domain, a 15-minute window, keys like a gallery's thumbnails.
export const BUCKET = 'examplebucket-1250000000';
export const REGION = 'ap-guangzhou';
export const SECRET_ID = 'AKIDbenchbenchbenchbenchbenchbench12';
export const SECRET_KEY = 'benchsecretkeybenchsecretkey1234';
// STS tokens run to several hundred URL-safe characters.
export const SESSION_TOKEN = Array.from({ length: 640 }, (_, i) =>
  'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'[(i * 37 + 11) % 64]).join('');
export const START = 1700000000;
export const EXPIRES = 900;
export const KEY_TIME = `${START};${START + EXPIRES}`;
export const BATCH = 10000;

export function benchKeys(n = BATCH) {
  return Array.from({ length: n }, (_, i) => `photos/2024/thumb-${i}.jpg`);
}

export const COMMON = {
  secretId: SECRET_ID, secretKey: SECRET_KEY, sessionToken: SESSION_TOKEN,
  bucket: BUCKET, region: REGION, startTime: START, expires: EXPIRES,
};
