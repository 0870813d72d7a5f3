// A bundler user who copies the wasm to dist/ beside the bundle, where the
// package looks for it by default (new URL('./dist/…', import.meta.url)).
import { createPresigner } from 'cos-presign';
import { run } from './app-shared.js';

run(createPresigner);
