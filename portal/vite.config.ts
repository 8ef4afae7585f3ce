import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `npm run dev -w @mms/portal` serves the pages with hot reload and sends API calls to the
// gateway of `bin/platform up`; `vite build` writes portal/dist, which the gateway serves.
const gateway = process.env['MMS_GATEWAY_URL'] ?? 'http://127.0.0.1:4000';

export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1500 },
  server: {
    host: '127.0.0.1',
    proxy: { '/graphql': gateway, '/imports': gateway, '/dev': gateway },
  },
});
