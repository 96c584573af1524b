import react from '@vitejs/plugin-react'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'

const adminDir = fileURLToPath(new URL('.', import.meta.url))
// The API (wrangler dev or the Node server) listens here during development.
const api = process.env.ROSTER_API_URL ?? 'http://localhost:8787'

export default defineConfig({
  root: adminDir,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // react-admin with Material UI is about 1.3 MB minified (390 KB gzip): expected, not a mistake.
    chunkSizeWarningLimit: 1600,
  },
  server: {
    proxy: {
      '/api': { target: api, changeOrigin: false },
      '/invite': { target: api, changeOrigin: false },
      '/password': { target: api, changeOrigin: false },
      // The SCIM base URL the API tokens page shows is this origin's /scim/v2.
      '/scim': { target: api, changeOrigin: false },
    },
  },
})
