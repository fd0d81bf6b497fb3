/**
 * The SDK's user-agent headers, worked out once per client and command instead of on every call.
 * The SDK's own middleware rebuilds them each time (the runtime's name and version, every
 * section escaped through regular expressions, the feature list, the app id) and measured as
 * about a fifth of the gateway's CPU on a detailed page. The headers are the SDK's own: the
 * first call of each command runs its middleware and the rest reuse what it set.
 */
import { getUserAgentMiddlewareOptions, userAgentMiddleware } from '@aws-sdk/core/client';
import type { MiddlewareStack } from '@smithy/types';

/** The name the SDK gives its user-agent middleware (getUserAgentMiddlewareOptions). */
const SDK_MIDDLEWARE = 'getUserAgentMiddleware';
const USER_AGENT = 'user-agent';
const AMZ_USER_AGENT = 'x-amz-user-agent';

interface UserAgentHeaders {
  userAgent: string | undefined;
  amzUserAgent: string | undefined;
}

type AnyMiddlewareStack = MiddlewareStack<any, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type UserAgentConfig = Parameters<typeof userAgentMiddleware>[0];

interface Headers {
  headers: Record<string, string | undefined>;
}

function hasHeaders(request: unknown): request is Headers {
  return typeof request === 'object' && request !== null && typeof (request as Headers).headers === 'object';
}

/** Replaces the client's user-agent middleware with one that remembers its headers per command. */
export function rememberUserAgent(client: { middlewareStack: AnyMiddlewareStack; config: UserAgentConfig }): void {
  const sdkMiddleware = userAgentMiddleware(client.config);
  const known = new Map<string, UserAgentHeaders>();
  // Under another name in some later SDK: leave its middleware as it is.
  if (!client.middlewareStack.remove(SDK_MIDDLEWARE)) return;
  client.middlewareStack.add(
    (next, context) => (args) => {
      const request: unknown = args.request;
      if (!hasHeaders(request)) return next(args);
      const command = context.commandName ?? '';
      const headers = known.get(command);
      if (headers) {
        if (headers.userAgent !== undefined) request.headers[USER_AGENT] = headers.userAgent;
        if (headers.amzUserAgent !== undefined) request.headers[AMZ_USER_AGENT] = headers.amzUserAgent;
        return next(args);
      }
      const remember: typeof next = (built) => {
        const sent: unknown = built.request;
        if (hasHeaders(sent)) {
          known.set(command, { userAgent: sent.headers[USER_AGENT], amzUserAgent: sent.headers[AMZ_USER_AGENT] });
        }
        return next(built);
      };
      return sdkMiddleware(remember, context)(args);
    },
    { ...getUserAgentMiddlewareOptions, name: 'rememberedUserAgent' },
  );
}
