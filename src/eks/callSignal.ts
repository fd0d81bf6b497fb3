/**
 * The abort signal of each AWS call, from the call runner to the HTTP handler
 * (src/eks/httpHandler.ts). The SDK reuses a command's resolved middleware chain only when `send`
 * gets no per-call options (`cacheMiddleware`), so the signal cannot come as `send`'s
 * `abortSignal`. Nor through an AsyncLocalStorage: on Node.js 20 one in use installs promise
 * hooks on every promise of the process, which cost about a sixth of the gateway's CPU on a
 * detailed page. So the client's `send` tags the input of the command the runner starts (the one
 * object of the call that every middleware passes on: the handler context is the command
 * class's, shared by all its calls once cached), a middleware hands the tag on to the request of
 * every attempt (signed, as the handler gets it), and the handler reads it there.
 */
import type { MiddlewareStack } from '@smithy/types';

const inputSignals = new WeakMap<object, AbortSignal>();
const requestSignals = new WeakMap<object, AbortSignal>();

/** The signal of the call whose `send` runs now (set only while the runner starts a call). */
let starting: AbortSignal | null = null;

/**
 * Starts `call` with `signal` as the signal of the command it sends: `call` sends it at once
 * (synchronously), as every call of the service layer does.
 */
export function startWithSignal<T>(signal: AbortSignal | null, call: () => Promise<T>): Promise<T> {
  if (!signal) return call();
  starting = signal;
  try {
    return call();
  } finally {
    starting = null;
  }
}

type AnyMiddlewareStack = MiddlewareStack<any, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type SendFunction = (command: any, ...rest: any[]) => Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * Makes a client carry call signals; once per client, before its first call. Its `send` tags the
 * input of a command sent by `startWithSignal`'s call, and a middleware hands the tag on to each
 * of its requests: innermost of all (the deserialize step, low priority), it sees the request of
 * each attempt after the retries and the signing made it.
 */
export function carryCallSignals(client: { middlewareStack: AnyMiddlewareStack; send: SendFunction }): void {
  const send = client.send.bind(client);
  client.send = (command: { input: object }, ...rest: unknown[]) => {
    if (starting) inputSignals.set(command.input, starting);
    return send(command, ...rest);
  };
  client.middlewareStack.add(
    (next) => (args) => {
      const input: unknown = args.input;
      const signal = typeof input === 'object' && input !== null ? inputSignals.get(input) : undefined;
      const request: unknown = args.request;
      if (signal && typeof request === 'object' && request !== null) requestSignals.set(request, signal);
      return next(args);
    },
    { step: 'deserialize', priority: 'low', name: 'carryCallSignals', override: true },
  );
}

/** The signal of the call this request is an attempt of, if it has one. */
export function signalOfRequest(request: object): AbortSignal | undefined {
  return requestSignals.get(request);
}
