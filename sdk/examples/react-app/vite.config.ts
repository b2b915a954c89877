import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// `npm run dev` proxies the Flagledger API to a local server so the page and the API share an origin.
export default defineConfig({
  plugins: [react()],
  server: { proxy: { '/ofrep': 'http://localhost:8080', '/sdk': 'http://localhost:8080' } },
});
