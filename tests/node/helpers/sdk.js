// The official SDKs, loaded as reference implementations.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

// cos-js-sdk-v5 is a browser SDK; it may warn when loaded under Node.
const warn = console.warn;
console.warn = () => {};
export const CosJs = require('cos-js-sdk-v5');
console.warn = warn;
export const CosNode = require('cos-nodejs-sdk-v5');
