/**
 * A GraphQL IDE for frontend teams that works offline: GraphiQL bundled into one page from
 * node_modules, so nothing is fetched from a CDN (Apollo's default landing page would be).
 *
 * The page has a strict Content-Security-Policy of its own, computed from the page as rendered:
 * its inline scripts (the bundle, and our shim below) and its bundled stylesheet are allowed by
 * their SHA-256 hashes, and nothing else runs or loads — no 'unsafe-inline' or 'unsafe-eval' for
 * scripts, no other origin; it may call only its own origin (the GraphQL endpoint), start workers
 * only from blob: URLs (the editor's language workers, which the bundle builds itself), and be
 * framed by no one. One exception, for style attributes only: Monaco, GraphiQL's editor, places
 * each line with a `style="top:…"` it writes in HTML; an attribute holds no selector and loads
 * nothing beyond img-src and font-src, so style-src-attr is 'unsafe-inline' while <style>
 * elements stay hash-only.
 *
 * Monaco also writes its run-time CSS (the syntax colours) as the text of <style> elements it
 * creates, which a hash-only policy refuses. The shim, run before the bundle and allowed by its
 * hash like the bundle, hands that text to constructed stylesheets instead (CSSOM, which CSP does
 * not govern). Checked in headless Chromium: colours, line layout while scrolling, a query run,
 * and no CSP violation reported.
 */
import { createHash } from 'node:crypto';
import type { Route } from '../../lib/apollo-http';
import type { BaseContext } from '@apollo/server';
import type { GatewayFeature } from '../feature';

/** The clean couple's applicant of docs/scenarios.md: synthetic, as every person in the data. */
const SAMPLE_VARIABLES = { idNumber: '350102199003140316' };

const SAMPLE_QUERY = `# 住房公积金贷款购房“一件事” — a scenario couple's data from all seven agencies
query ApplicantOverview($idNumber: IdNumber!) {
  applicant(idNumber: $idNumber) {
    name
    identityVerification { verified householdStatus }
    marriage { status spouse { name } }
    providentFundAccount { centreName balance continuousDepositMonths }
  }
}
`;

/**
 * Run before the bundle. Monaco writes its run-time CSS (the theme's colours, list and widget
 * styles) as the text of <style> elements it creates (textContent, innerText, or an appended text
 * node). Here those writes go to a constructed stylesheet adopted by the element's document or
 * shadow root instead, and the element itself stays empty (allowed by the empty string's hash).
 */
export const STYLE_TEXT_SHIM = `(function () {
  var entries = new WeakMap();
  function write(style, css) {
    var entry = entries.get(style);
    if (!entry) {
      entry = { sheet: new CSSStyleSheet(), css: '' };
      entries.set(style, entry);
      queueMicrotask(function () {
        var root = style.getRootNode();
        var target = root instanceof ShadowRoot ? root : document;
        target.adoptedStyleSheets = target.adoptedStyleSheets.concat([entry.sheet]);
      });
    }
    entry.css = String(css);
    entry.sheet.replaceSync(entry.css);
  }
  function accessor(original) {
    return {
      configurable: true,
      get: function () { var entry = entries.get(this); return entry ? entry.css : original.get.call(this); },
      set: function (css) { write(this, css); },
    };
  }
  var proto = HTMLStyleElement.prototype;
  Object.defineProperty(proto, 'textContent', accessor(Object.getOwnPropertyDescriptor(Node.prototype, 'textContent')));
  Object.defineProperty(proto, 'innerText', accessor(Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'innerText')));
  var appendChild = proto.appendChild;
  proto.appendChild = function (node) {
    if (node instanceof Text) { write(this, this.textContent + node.data); return node; }
    return appendChild.call(this, node);
  };
})();`;

const hashOf = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** The inline scripts' and styles' contents of a page, in order. */
export function inlineBlocksOf(html: string): { scripts: string[]; styles: string[] } {
  return {
    scripts: [...html.matchAll(/<script(?:\s[^>]*)?>([\s\S]*?)<\/script>/gi)].map((match) => match[1]!),
    styles: [...html.matchAll(/<style(?:\s[^>]*)?>([\s\S]*?)<\/style>/gi)].map((match) => match[1]!),
  };
}

/** The IDE page's policy: exactly its own inline blocks, by hash. */
export function contentSecurityPolicyFor(html: string): string {
  const { scripts, styles } = inlineBlocksOf(html);
  return [
    "default-src 'none'",
    `script-src ${scripts.map(hashOf).join(' ')}`,
    // The bundled stylesheet, and empty <style> elements (Monaco's, whose text the shim moved to CSSOM).
    `style-src ${[...styles, ''].map(hashOf).join(' ')}`,
    `style-src-elem ${[...styles, ''].map(hashOf).join(' ')}`,
    // Monaco positions each editor line with a style attribute in HTML it writes; attributes hold
    // no selectors and load nothing (img-src and font-src still apply), so they may be inline.
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    'worker-src blob:',
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** The GraphiQL bundle, required when first needed: a dynamic import() is not loaded by jest's CommonJS runtime. */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first visit on purpose, see above
const loadRenderer = (): typeof import('@graphql-yoga/render-graphiql') => require('@graphql-yoga/render-graphiql');

export function ideRoutes(graphqlPath: string): Record<string, Route> {
  // Loaded and rendered on first visit: the bundle is some 30 MB of a process's heap, and most
  // processes (every production one, the bench's) never serve it.
  let rendered: { page: string; policy: string } | null = null;
  const serve: Route = (_request, response) => {
    if (!rendered) {
      const { renderGraphiQL } = loadRenderer();
      // The first tab runs as it opens: its variable filled in (a synthetic scenario applicant), and
      // the header a caller completes with a token (`npm run token`).
      const bundled = renderGraphiQL({
        endpoint: graphqlPath,
        title: '住房公积金贷款购房一件事 · GraphQL',
        defaultQuery: SAMPLE_QUERY,
        defaultTabs: [{ query: SAMPLE_QUERY, variables: JSON.stringify(SAMPLE_VARIABLES, null, 2), headers: JSON.stringify({ authorization: 'Bearer <token from: npm run -s token -- --role APPLICANT --id-number 350102199003140316>' }, null, 2) }],
      });
      const page = bundled.replace(/<\/head>/i, () => `<script>${STYLE_TEXT_SHIM}</script>\n</head>`);
      rendered = { page, policy: contentSecurityPolicyFor(page) };
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': rendered.policy });
    response.end(rendered.page);
  };
  return { 'GET /': serve, 'GET /ide': serve };
}

/** The IDE as a gateway feature: GraphiQL at `/`, talking to `graphqlPath`. */
export function useIde<Context extends BaseContext>({ graphqlPath }: { graphqlPath: string }): GatewayFeature<Context> {
  return { name: 'ide', routes: ideRoutes(graphqlPath) };
}
