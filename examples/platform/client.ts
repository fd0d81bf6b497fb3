/**
 * A minimal typed GraphQL transport for backends: POSTs a typed document of the typed client and
 * tells faults worth retrying (the connection failed, or every error says `retryable`) from those
 * that are not. Expected failures of mutations are not faults: they come back as data.
 */
import type { ResultOf, TypedDocumentNode, VariablesOf } from '@graphql-typed-document-node/core';
import { print } from 'graphql';

interface GraphQLErrorBody {
  message: string;
  extensions?: { code?: string; retryable?: boolean; clientRequestToken?: string };
}

/** The request failed as a whole: no usable data. `retryable` says whether the same request may succeed later. */
export class GatewayFault extends Error {
  override readonly name = 'GatewayFault';
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly code: string,
  ) {
    super(message);
  }
}

export async function execute<TDocument extends TypedDocumentNode<any, any>>(
  url: string,
  document: TDocument,
  variables: VariablesOf<TDocument>,
): Promise<ResultOf<TDocument>> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query: print(document), variables }),
    });
  } catch (error) {
    // Refused, reset or dropped: the gateway may or may not have acted, so only an idempotent retry is safe.
    throw new GatewayFault(`Request failed: ${(error as Error).message}`, true, 'NETWORK_ERROR');
  }
  let body: { data?: ResultOf<TDocument> | null; errors?: GraphQLErrorBody[] };
  try {
    body = (await response.json()) as typeof body;
  } catch {
    throw new GatewayFault(
      `The gateway answered ${response.status} without a GraphQL body`,
      response.status >= 500,
      `HTTP_${response.status}`,
    );
  }
  if (body.errors?.length) {
    const retryable = body.errors.every((error) => error.extensions?.retryable === true);
    const codes = [...new Set(body.errors.map((error) => error.extensions?.code ?? 'UNKNOWN'))].join(',');
    throw new GatewayFault(body.errors.map((error) => error.message).join('; '), retryable, codes);
  }
  if (!body.data)
    throw new GatewayFault(`The gateway answered ${response.status} with no data`, false, `HTTP_${response.status}`);
  return body.data;
}
