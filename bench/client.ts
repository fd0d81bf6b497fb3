/**
 * A minimal GraphQL client over node:http with a keep-alive agent: cheaper per request than
 * fetch, which matters when the load generator shares two cores with the gateway.
 */
import { Agent, request } from 'node:http';

export interface GraphqlClient {
  /** Sends one operation; resolves with `data`, rejects on an HTTP or GraphQL error. */
  query<T = unknown>(query: string, variables?: Record<string, unknown>): Promise<T>;
  close(): void;
}

export function graphqlClient(url: string, maxSockets = 64): GraphqlClient {
  const agent = new Agent({ keepAlive: true, maxSockets });
  const target = new URL(url);
  return {
    query: (query, variables) => post(agent, target, JSON.stringify({ query, variables })),
    close: () => agent.destroy(),
  };
}

function post<T>(agent: Agent, url: URL, body: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const req = request(
      url,
      {
        agent,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          try {
            const parsed = JSON.parse(text) as {
              data?: T;
              errors?: Array<{ message: string; extensions?: { code?: string } }>;
            };
            if (res.statusCode !== 200 || parsed.errors?.length) {
              const first = parsed.errors?.[0];
              reject(
                new Error(
                  `HTTP ${res.statusCode}: ${first ? `${first.extensions?.code ?? ''} ${first.message}` : text.slice(0, 200)}`,
                ),
              );
            } else {
              resolve(parsed.data as T);
            }
          } catch {
            reject(new Error(`HTTP ${res.statusCode}: not JSON: ${text.slice(0, 200)}`));
          }
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
