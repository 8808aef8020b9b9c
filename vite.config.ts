import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const app = fileURLToPath(new URL('./src/app/', import.meta.url));

/**
 * The SMART app (launch and app pages), the demo's hook playground and the admin page, built under
 * /app/ and served by the service (the admin page at /admin).
 */
export default defineConfig({
  root: app,
  base: '/app/',
  publicDir: fileURLToPath(new URL('./public/', import.meta.url)),
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist/app/', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    rollupOptions: {
      input: {
        index: `${app}index.html`,
        launch: `${app}launch.html`,
        playground: `${app}playground.html`,
        admin: `${app}admin.html`,
      },
    },
  },
});
