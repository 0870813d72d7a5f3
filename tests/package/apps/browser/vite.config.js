// Nothing here is for cos-presign (Vite needs no configuration for it): the
// test page's strict CSP, relative asset URLs for serving under a folder, and
// in the dev server the demo backend behind /api and /wasm (and no 404 for the
// favicon Chromium asks for, which would be a console error).
const backend = process.env.DEMO_ORIGIN;
export default {
  base: './',
  logLevel: 'warn',
  build: { outDir: 'out-vite', emptyOutDir: true },
  plugins: [{
    name: 'no-favicon',
    configureServer(server) {
      server.middlewares.use('/favicon.ico', (req, res) => { res.statusCode = 204; res.end(); });
    },
  }],
  server: {
    headers: { 'content-security-policy': "script-src 'self' 'wasm-unsafe-eval'" },
    proxy: backend ? { '/api': backend, '/wasm': backend } : undefined,
  },
};
