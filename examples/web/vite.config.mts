/**
 * The web app's build: Vite's own TypeScript and JSX transform (Oxc) with React's automatic runtime
 * (no Babel plugin), and the trusted-documents manifest written beside the bundle, for the
 * gateway's TRUSTED_DOCUMENTS_FILE. Run from the repository root: `npm run web`, `npm run web:build`.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const root = dirname(fileURLToPath(import.meta.url));
const MANIFEST = join(root, 'src', 'gql', 'persisted-documents.json');

/** dist/persisted-documents.json: the documents of exactly this build (codegen wrote them with its types). */
function trustedDocumentsManifest(): Plugin {
  return {
    name: 'trusted-documents-manifest',
    apply: 'build',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'persisted-documents.json', source: readFileSync(MANIFEST, 'utf8') });
    },
  };
}

export default defineConfig({
  root,
  // No .env files: the gateway URL comes from VITE_GATEWAY_URL in the environment, or its default.
  envDir: false,
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  plugins: [trustedDocumentsManifest()],
  server: { host: 'localhost', port: 5173, strictPort: true },
  preview: { host: 'localhost', port: 4173, strictPort: true },
  build: { outDir: join(root, 'dist'), emptyOutDir: true, sourcemap: true },
});
