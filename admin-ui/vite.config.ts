/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// In development the UI runs on Vite and forwards API calls to a running server (FLAGLEDGER_URL,
// default http://localhost:8080); in production the server serves the built files itself.
const server = process.env.FLAGLEDGER_URL ?? 'http://localhost:8080';

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: {
      '/graphql': { target: server, changeOrigin: false },
      '/auth': { target: server, changeOrigin: false },
      // The audit export download.
      '/api': { target: server, changeOrigin: false },
    },
  },
  build: { outDir: 'dist', sourcemap: false, chunkSizeWarningLimit: 800 },
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    // user-event types key by key; on a loaded 2-core CI machine a long form takes more than the 5 s default.
    testTimeout: 30_000,
  },
});
