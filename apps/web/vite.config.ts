import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The web interface, served by the API under /app (apps/api/src/web/). React's JSX goes through
 * Vite's own transformer (oxc) with the automatic runtime: no plugin needed.
 */
export default defineConfig({
  root,
  base: '/app/',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1024,
    rolldownOptions: {
      // React Router marks its modules "use client" for server components; a plain SPA bundle has none.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  // `npx vite --config apps/web/vite.config.ts`: the interface with reload, the API from SLA_URL.
  server: { proxy: { '^/(?!app)': process.env.SLA_URL ?? 'http://localhost:3000' } },
  logLevel: 'warn',
});
