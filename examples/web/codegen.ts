/**
 * The web app's typed documents and its trusted-documents manifest, from the operations in
 * src/ (`graphql(...)` calls) and the schema: `npm run web:codegen` (part of `npm run codegen`).
 * Paths are relative to the repository root, where npm runs scripts. The output, src/gql/, is
 * generated: never edited by hand, and test/unit/webCodegen.test.ts fails while it is stale.
 */
import type { CodegenConfig } from '@graphql-codegen/cli';
import { addTypenameSelectionDocumentTransform, type ClientPresetConfig } from '@graphql-codegen/client-preset';

const presetConfig: ClientPresetConfig = {
  // Plain result types: components read the fields they select, with no useFragment().
  fragmentMasking: false,
  // persisted-documents.json: sha256 of each document to its text, what the gateway's
  // TRUSTED_DOCUMENTS_FILE takes. The documents keep their definitions (Apollo's cache needs them).
  persistedDocuments: { mode: 'embedHashInDocument', hashAlgorithm: 'sha256' },
};

const config: CodegenConfig = {
  overwrite: true,
  schema: 'schema/*.graphql',
  documents: ['examples/web/src/**/*.{ts,tsx}', '!examples/web/src/gql/**'],
  ignoreNoDocuments: false,
  generates: {
    'examples/web/src/gql/': {
      preset: 'client',
      presetConfig,
      // The gateway runs the manifest's texts, and Apollo Client's cache needs __typename on
      // every object it stores (to normalise clusters and associations): the texts select it.
      documentTransforms: [addTypenameSelectionDocumentTransform],
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        strictScalars: true,
        scalars: { DateTime: 'string' },
      },
    },
  },
};

export default config;
