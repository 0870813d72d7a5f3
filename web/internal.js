// Package-internal names, not part of the public API (not in index.d.ts or the
// README): the Symbol under which a Signer exposes the wasm module's linear
// memory, so tests can prove no secret is left in it. Reach it through
// web/testing.js.
export const LINEAR_MEMORY = Symbol('cos-presign.linearMemory');
