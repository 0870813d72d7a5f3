// Package-internal names, not part of the public API (not in index.d.ts or the
// README): the Symbol under which a Signer exposes the wasm module's linear
// memory, so tests can prove no secret is left in it. Reach it through
// web/testing.js.
// Symbol.for: the Node entry is a bundle (web/dist/node.mjs) with its own
// copy of this file, and web/testing.js must name the same key.
export const LINEAR_MEMORY = Symbol.for('cos-presign.linearMemory');

// CosCompat's way into the presigner for any method and headers (not public API).
export const PRESIGN_REQUEST = Symbol.for('cos-presign.presignRequest');
