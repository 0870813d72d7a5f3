// A bundler user who lets esbuild emit the wasm file (loader .wasm=file)
// and hands its URL to the presigner.
import { createPresigner } from 'cos-presign';
import wasmUrl from 'cos-presign/cos-presign-core.wasm';
import { run } from './app-shared.js';

run(createPresigner, wasmUrl);
