// Types for the package's .wasm subpaths ('cos-presign/cos-presign-core.wasm',
// 'cos-presign/cos-presign-core-sigv4.wasm'). What such an import gives is the
// importer's choice: a URL string from a bundler's file loader (esbuild
// --loader:.wasm=file, webpack asset/resource, Vite's "?url"), or a compiled
// WebAssembly.Module in Cloudflare Workers and other runtimes that import wasm
// as modules. init() and the presigner's `wasm` option take either.
declare const wasm: string | WebAssembly.Module;
export default wasm;
