/**
 * The app sends each operation as the exact text of its entry in the trusted-documents manifest
 * (src/gql/persisted-documents.json, written by codegen with the typed documents). A gateway with
 * that manifest as TRUSTED_DOCUMENTS_FILE runs exactly these texts and refuses any other, and a
 * gateway without one (`npm start`) runs them like any document: one build serves both.
 */
import { getOperationAST, parse, type DocumentNode } from 'graphql';
import manifest from './gql/persisted-documents.json';

const textByOperation = new Map<string, string>();
for (const text of Object.values(manifest)) {
  const name = getOperationAST(parse(text))?.name?.value;
  if (name !== undefined) textByOperation.set(name, text);
}

/** The manifest's text of the document's operation (HttpLink's `print`). */
export function trustedText(document: DocumentNode): string {
  const name = getOperationAST(document)?.name?.value;
  const text = name === undefined ? undefined : textByOperation.get(name);
  // Only an operation written outside src/, or a stale src/gql/, gets here: run `npm run web:codegen`.
  if (text === undefined) throw new Error(`The operation ${name ?? '(anonymous)'} is not in the app's manifest.`);
  return text;
}
