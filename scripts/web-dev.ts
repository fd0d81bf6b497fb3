/**
 * `npm run web`: the example web app's dev server (Vite, http://localhost:5173) against the
 * gateway of `npm start`, in one command. Unless a gateway already answers at VITE_GATEWAY_URL
 * (default http://127.0.0.1:4000/graphql), it runs `npm start` with the dev server's origins added
 * to CORS_ORIGINS (the gateway sends no CORS headers otherwise, and the browser would keep every
 * answer from the page), waits until it is ready, then starts Vite. The rest of the environment
 * passes through: `set -a; . examples/security/tokens.env; set +a; npm run web` turns tokens on.
 * Ctrl-C stops both.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');
export const DEV_ORIGINS = ['http://localhost:5173', 'http://127.0.0.1:5173'];
const DEFAULT_GATEWAY_URL = 'http://127.0.0.1:4000/graphql';
/** `npm start` compiles first: give it time on a slow machine. */
const READY_TIMEOUT_MS = 180_000;

/** CORS_ORIGINS for the gateway: what was configured, plus the dev server's origins. */
export function corsOriginsWithDevServer(configured: string | undefined): string {
  const listed = (configured ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter((origin) => origin !== '');
  return [...listed, ...DEV_ORIGINS.filter((origin) => !listed.includes(origin))].join(',');
}

/** The environment of the gateway this script starts: the port of VITE_GATEWAY_URL, and CORS for the dev server. */
export function gatewayEnvironment(env: NodeJS.ProcessEnv, gatewayUrl: URL): NodeJS.ProcessEnv {
  return {
    ...env,
    PORT: env.PORT ?? (gatewayUrl.port || '80'),
    CORS_ORIGINS: corsOriginsWithDevServer(env.CORS_ORIGINS),
  };
}

async function answers(url: string, init?: RequestInit): Promise<Response | null> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(2_000) });
  } catch {
    return null;
  }
}

/** Whether the gateway lets the dev server's pages read its answers (its answer to their preflight). */
async function allowsDevServer(gatewayUrl: URL): Promise<boolean> {
  const res = await answers(gatewayUrl.href, {
    method: 'OPTIONS',
    headers: {
      origin: DEV_ORIGINS[0] as string,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization,content-type',
    },
  });
  return res?.headers.get('access-control-allow-origin') === DEV_ORIGINS[0];
}

async function waitUntilReady(readyUrl: string, gateway: ChildProcess): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (gateway.exitCode !== null) throw new Error(`The gateway exited with code ${gateway.exitCode}.`);
    if ((await answers(readyUrl))?.ok) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`The gateway was not ready at ${readyUrl} after ${READY_TIMEOUT_MS / 1000} s.`);
}

const children: ChildProcess[] = [];
let gateway: ChildProcess | null = null;

/** Stops the gateway and Vite (whichever still run); this process then ends with them. */
function stop(code: number): void {
  for (const child of children) {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) continue;
    // `npm start` runs in a process group of its own, so that the gateway under it gets the signal too.
    if (child === gateway) process.kill(-child.pid, 'SIGTERM');
    else child.kill('SIGTERM');
  }
  process.exitCode ??= code;
}

async function main(): Promise<void> {
  const gatewayUrl = new URL(process.env.VITE_GATEWAY_URL || DEFAULT_GATEWAY_URL);
  const readyUrl = new URL('/readyz', gatewayUrl).href;
  process.once('SIGINT', () => stop(130));
  process.once('SIGTERM', () => stop(143));

  if ((await answers(readyUrl))?.ok) {
    process.stdout.write(`A gateway already answers at ${gatewayUrl.href}; using it.\n`);
    if (!(await allowsDevServer(gatewayUrl))) {
      process.stdout.write(
        `It does not allow ${DEV_ORIGINS[0]} (CORS_ORIGINS): restart it with CORS_ORIGINS=${DEV_ORIGINS.join(',')}, or stop it and run npm run web alone.\n`,
      );
    }
  } else {
    // No terminal input for it: a process group in the background that read it would be stopped.
    const started = spawn('npm', ['start'], {
      cwd: ROOT,
      env: gatewayEnvironment(process.env, gatewayUrl),
      stdio: ['ignore', 'inherit', 'inherit'],
      detached: true,
    });
    gateway = started;
    children.push(started);
    started.on('exit', (code) => stop(code ?? 1));
    await waitUntilReady(readyUrl, started);
  }

  const vite = spawn(
    process.execPath,
    [
      join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'),
      '--config',
      join(ROOT, 'examples', 'web', 'vite.config.mts'),
    ],
    { cwd: ROOT, env: { ...process.env, VITE_GATEWAY_URL: gatewayUrl.href }, stdio: 'inherit' },
  );
  children.push(vite);
  vite.on('exit', (code) => stop(code ?? 1));
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`npm run web: ${error instanceof Error ? error.message : String(error)}\n`);
    stop(1);
  });
}
