/**
 * The citizens' web app, built by Vite into static files the gateway serves at /app/
 * (gateway/plugins/web-app.ts). Everything is bundled: no font, script or style from another host,
 * and no inline script (the page's Content-Security-Policy allows scripts from its own origin only).
 * Built by scripts/web-app.ts (`npm run build`, and `npm start` when the sources changed).
 */
import { defineConfig } from 'vite';

export default defineConfig({
  base: '/app/',
  // React's automatic JSX runtime through Vite's own transform (oxc): no Babel, no fast refresh,
  // which a build the gateway serves does not use.
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    // Modern browsers only (ES modules): no polyfill is injected inline.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: false,
    reportCompressedSize: false,
  },
  logLevel: 'warn',
});
