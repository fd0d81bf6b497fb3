/**
 * The GraphiQL page, served entirely from local assets (the UMD builds of the npm packages) so
 * it works offline and under a strict Content-Security-Policy: no inline script, no CDN.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { exampleTabs } from '../generated/graphiqlExamples';

export const GRAPHIQL_ASSET_PREFIX = '/graphiql/';

export const GRAPHIQL_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  // GraphiQL sets style attributes from script; its fonts are inline data: URLs.
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

interface Asset {
  contentType: string;
  body: Buffer | string;
}

/** Files inside npm packages; their `exports` maps hide them from require.resolve. */
const ASSET_FILES: Record<string, { pkg: string; file: string; contentType: string }> = {
  'react.production.min.js': {
    pkg: 'react',
    file: 'umd/react.production.min.js',
    contentType: 'text/javascript; charset=utf-8',
  },
  'react-dom.production.min.js': {
    pkg: 'react-dom',
    file: 'umd/react-dom.production.min.js',
    contentType: 'text/javascript; charset=utf-8',
  },
  'graphiql.min.js': { pkg: 'graphiql', file: 'graphiql.min.js', contentType: 'text/javascript; charset=utf-8' },
  'graphiql.min.css': { pkg: 'graphiql', file: 'graphiql.min.css', contentType: 'text/css; charset=utf-8' },
};

/** GraphiQL's pink, as the page's icon: without one the browser asks for /favicon.ico, a 404 in the console. */
const FAVICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><circle cx="16" cy="16" r="14" fill="#e535ab"/><text x="16" y="22" font-size="16" font-family="sans-serif" text-anchor="middle" fill="#fff">Q</text></svg>\n`;

const cache = new Map<string, Asset>();

/** An asset by file name, read once and kept in memory; null for an unknown name. */
export function graphiqlAsset(name: string, graphqlPath: string): Asset | null {
  const cached = cache.get(name);
  if (cached) return cached;
  let asset: Asset | null = null;
  const file = ASSET_FILES[name];
  if (file) asset = { contentType: file.contentType, body: readFileSync(join(packageDir(file.pkg), file.file)) };
  else if (name === 'init.js') asset = { contentType: 'text/javascript; charset=utf-8', body: initScript(graphqlPath) };
  else if (name === 'favicon.svg') asset = { contentType: 'image/svg+xml', body: FAVICON };
  if (asset) cache.set(name, asset);
  return asset;
}

function packageDir(pkg: string): string {
  return dirname(require.resolve(`${pkg}/package.json`));
}

export function graphiqlPage(): string {
  const asset = (name: string) => `${GRAPHIQL_ASSET_PREFIX}${name}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>EKS Pod Identity Gateway · GraphiQL</title>
<link rel="icon" href="${asset('favicon.svg')}" type="image/svg+xml">
<link rel="stylesheet" href="${asset('graphiql.min.css')}">
<style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
<div id="graphiql">Loading GraphiQL…</div>
<script src="${asset('react.production.min.js')}"></script>
<script src="${asset('react-dom.production.min.js')}"></script>
<script src="${asset('graphiql.min.js')}"></script>
<script src="${asset('init.js')}"></script>
</body>
</html>
`;
}

function initScript(graphqlPath: string): string {
  return `'use strict';
(function () {
  var fetcher = GraphiQL.createFetcher({ url: new URL(${JSON.stringify(graphqlPath)}, window.location.href).href });
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(React.createElement(GraphiQL, {
    fetcher: fetcher,
    defaultEditorToolsVisibility: true,
    isHeadersEditorEnabled: true,
    shouldPersistHeaders: false,
    defaultTabs: ${JSON.stringify(exampleTabs(), null, 2)}
  }));
})();
`;
}
