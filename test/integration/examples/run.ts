/** Runs an example as its users would: a TypeScript file through tsx, or a shell script. */
import { execFile } from 'node:child_process';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..', '..');

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export function run(
  command: string,
  args: string[],
  env: Record<string, string> = {},
  timeoutMs = 60_000,
  cwd = ROOT,
): Promise<Run> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, env: { ...process.env, ...env }, timeout: timeoutMs }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** `tsx examples/<file>` with the gateway URL in GATEWAY_URL, as each example reads it. */
export function runExample(file: string, args: string[], gatewayUrl: string): Promise<Run> {
  return run(join(ROOT, 'node_modules', '.bin', 'tsx'), [join('examples', file), ...args], { GATEWAY_URL: gatewayUrl });
}

/** The one JSON line an example prints last. */
export function lastJsonLine<T>(output: string): T {
  const lines = output.trim().split('\n');
  return JSON.parse(lines[lines.length - 1] as string) as T;
}
