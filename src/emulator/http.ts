/** HTTP plumbing shared by the EKS routes and the control endpoints. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { WireError, jsonType } from './errors';

export const MAX_BODY_BYTES = 1024 * 1024;

const JSON_CONTENT_TYPES = new Set(['application/json', 'application/x-amz-json-1.1']);

export type BodyRead = { kind: 'ok'; bytes: Buffer } | { kind: 'tooLarge' };

/** Reads the whole body; past the limit it keeps draining (so the client reads our 413) but keeps nothing. */
export function readBody(req: IncomingMessage): Promise<BodyRead> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      if (!tooLarge) chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? { kind: 'tooLarge' } : { kind: 'ok', bytes: Buffer.concat(chunks) }));
    req.on('error', reject);
  });
}

export function bodyTooLarge(): WireError {
  return new WireError(
    'RequestEntityTooLargeException',
    `The request body exceeds the limit of ${MAX_BODY_BYTES} bytes (1 MiB).`,
  );
}

/**
 * A request body as a JSON object. An empty body is `{}`; a non-empty one must be declared as
 * JSON (`application/json`, as the SDK sends, or `application/x-amz-json-1.1`).
 */
export function parseJsonObject(contentType: string | undefined, bytes: Buffer): Record<string, unknown> {
  if (bytes.length === 0) return {};
  const mediaType = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!JSON_CONTENT_TYPES.has(mediaType)) {
    throw new WireError(
      'UnsupportedMediaTypeException',
      `The request body must be JSON sent with content-type application/json; received content-type '${contentType ?? '(none)'}'.`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw new WireError('SerializationException', `The request body is not valid JSON: ${(error as Error).message}.`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new WireError(
      'SerializationException',
      `The request body must be a JSON object; received a JSON ${jsonType(parsed)}.`,
    );
  }
  return parsed as Record<string, unknown>;
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export function sendError(res: ServerResponse, error: WireError, headers: Record<string, string> = {}): void {
  sendJson(res, error.status, error.body(), { 'x-amzn-ErrorType': error.name, ...headers });
}

/** Splits a request target into percent-decoded path segments (a `%2F` stays inside its segment) and the query. */
export function parseTarget(target: string): { segments: string[]; query: URLSearchParams } {
  const queryStart = target.indexOf('?');
  const rawPath = queryStart === -1 ? target : target.slice(0, queryStart);
  const rawQuery = queryStart === -1 ? '' : target.slice(queryStart + 1);
  if (!rawPath.startsWith('/'))
    throw new WireError('UnknownOperationException', `Unknown operation: the path must start with '/'.`);
  const segments = rawPath
    .slice(1)
    .split('/')
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        throw new WireError('SerializationException', `The path segment '${segment}' is not valid percent-encoding.`);
      }
    });
  return { segments, query: new URLSearchParams(rawQuery) };
}
