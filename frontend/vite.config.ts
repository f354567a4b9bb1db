/// <reference types="vitest/config" />
import { fileURLToPath, URL } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { compression } from 'vite-plugin-compression2';
import { VitePWA } from 'vite-plugin-pwa';

// In development the API is the gateway started by `make run` (port 8080).
const gateway = process.env.CWM_GATEWAY_URL ?? 'http://127.0.0.1:8080';

/**
 * The login page is the first screen of a new visit (a worker's phone on a slow line): its chunk and everything it
 * imports are preloaded from index.html, so they download alongside the entry instead of after it has run.
 */
function preloadFirstScreen(entry: string): Plugin {
  return {
    name: 'cwm-preload-first-screen',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const bundle = ctx.bundle;
        if (!bundle) return [];
        const chunks = Object.values(bundle).filter((item) => item.type === 'chunk');
        const first = chunks.find((chunk) => chunk.facadeModuleId?.endsWith(entry));
        if (!first) throw new Error(`preloadFirstScreen: no chunk for ${entry}`);
        const files = new Set<string>();
        const visit = (fileName: string) => {
          const chunk = chunks.find((item) => item.fileName === fileName);
          if (!chunk || chunk.isEntry || files.has(fileName)) return;
          files.add(fileName);
          chunk.imports.forEach(visit);
        };
        visit(first.fileName);
        return [...files].map((file) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `/${file}` }, injectTo: 'head' as const }));
      },
    },
  };
}

export default defineConfig({
  plugins: [
    react(),
    preloadFirstScreen('src/features/auth/routes/LoginPage.tsx'),
    // Brotli (quality 11) and gzip copies beside each file, served as they are by the gateway (`precompressed`):
    // a sixth fewer bytes than compressing on the fly, which matters most on a phone's first visit.
    compression({ algorithms: ['brotliCompress', 'gzip'], threshold: 1024 }),
    // The worker's phone: an installable app that opens offline to the last payslip it showed.
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: 'script-defer',
      includeAssets: ['favicon.ico', 'apple-touch-icon.png', 'icon.svg'],
      manifest: {
        id: '/me',
        name: '社区工作者管理系统',
        short_name: '社工',
        description: '社区工作者：工资条、等级、考核与培训',
        lang: 'zh-CN',
        start_url: '/me',
        scope: '/',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#c0392b',
        icons: [
          { src: '/pwa-192x192.png', sizes: '192x192', type: 'image/png' },
          { src: '/pwa-512x512.png', sizes: '512x512', type: 'image/png' },
          { src: '/maskable-512x512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        // The app shell: index.html and every chunk but the dashboard's (ECharts, officers only, ~1 MB).
        globPatterns: ['**/*.{js,css,html,ico,png,svg}'],
        globIgnores: ['**/DashboardPage-*.js'],
        maximumFileSizeToCacheInBytes: 3 * 1024 * 1024,
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api\//],
        cleanupOutdatedCaches: true,
        clientsClaim: true,
        skipWaiting: true,
        runtimeCaching: [
          {
            // The worker's payslips (list and months): network first, the last answer when offline.
            urlPattern: ({ url, sameOrigin }) => sameOrigin && url.pathname.startsWith('/api/payroll/v1/me/payslips') && !url.pathname.endsWith('/pdf'),
            handler: 'NetworkFirst',
            method: 'GET',
            options: {
              cacheName: 'cwm-my-payslips',
              networkTimeoutSeconds: 5,
              expiration: { maxEntries: 30 },
              cacheableResponse: { statuses: [200] },
            },
          },
        ],
      },
    }),
  ],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  server: { proxy: { '/api': { target: gateway, changeOrigin: true } } },
  build: { chunkSizeWarningLimit: 4000 },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test/setup.ts'],
    css: false,
    // Ant Design renders slowly in jsdom; the machine is shared.
    testTimeout: 30_000,
  },
});
