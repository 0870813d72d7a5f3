// webpack 5 needs no configuration for cos-presign: it emits the wasm that
// the package locates with new URL('./dist/…wasm', import.meta.url).
import { fileURLToPath } from 'node:url';

export default {
  mode: 'production',
  entry: './main.js',
  output: { path: fileURLToPath(new URL('./out-webpack/', import.meta.url)), filename: 'main.js', clean: true },
};
