/**
 * The gateway as its image runs it: the build (`npm run build`), started as
 * `node dist/src/main.js` in a process of its own, with exactly the environment a test gives (no
 * variable of the test's own process leaks in), optionally from another directory and as
 * another user.
 */
import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');

export function buildGateway(): void {
  execFileSync('npm', ['run', '-s', 'build'], { cwd: ROOT, stdio: 'pipe' });
}

export interface LaunchOptions {
  /** The whole environment of the process. */
  env: NodeJS.ProcessEnv;
  /** Where `dist/src/main.js` is; the repository by default. */
  cwd?: string;
  uid?: number;
  gid?: number;
}

export interface LaunchedGateway {
  child: ChildProcessWithoutNullStreams;
  /** The GraphQL URL the gateway prints once it listens. */
  ready: Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stdout(): string;
  stderr(): string;
}

export function launchBuilt(options: LaunchOptions): LaunchedGateway {
  const child = spawn(process.execPath, ['dist/src/main.js'], {
    cwd: options.cwd ?? ROOT,
    env: options.env,
    ...(options.uid === undefined ? {} : { uid: options.uid }),
    ...(options.gid === undefined ? {} : { gid: options.gid }),
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      const url = /gateway ready\. (?:GraphiQL|GraphQL endpoint): (http:\/\/\S+)/.exec(stdout)?.[1];
      if (url) resolve(url);
    });
    child.once('exit', () => reject(new Error(`the gateway exited before it was ready: ${stderr}`)));
  });
  ready.catch(() => {});
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, ready, exited, stdout: () => stdout, stderr: () => stderr };
}

/** The environment every launch starts from: the SDK's Node notice off, nothing of AWS. */
export function baseEnvironment(): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
}

/** Polls `check` every 50 ms until it holds, for up to `limitMs`. */
export async function until(check: () => Promise<boolean>, what: string, limitMs = 20_000): Promise<void> {
  for (let waited = 0; waited < limitMs; waited += 50) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${what} did not happen within ${limitMs / 1000} s`);
}
