/**
 * The emulator in a process of its own, started from the build as `npm run emulator` would run
 * it: its CPU is not the benchmark's, and the gateway's calls cross a real process boundary, as
 * they do to EKS.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MultiAccountSeedFile, SeedFile } from '../src/emulator';
import { DIST } from './build';
import { cpuSeconds, rssMiB, stopChild } from './processes';

export interface EmulatorProcess {
  url: string;
  pid: number;
  cpuSeconds(): number;
  rssMiB(): number;
  close(): Promise<void>;
}

export interface EmulatorProcessOptions {
  seed: SeedFile | MultiAccountSeedFile;
  latencyMs: number;
  associationLimit: number;
}

const START_TIMEOUT_MS = 60_000;

export async function startEmulatorProcess(options: EmulatorProcessOptions): Promise<EmulatorProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-emulator-'));
  const seedPath = join(dir, 'seed.json');
  writeFileSync(seedPath, JSON.stringify(options.seed));
  const child = spawn(
    process.execPath,
    [
      join(DIST, 'src', 'emulator', 'cli.js'),
      '--seed',
      seedPath,
      '--latency-ms',
      String(options.latencyMs),
      '--association-limit',
      String(options.associationLimit),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  const cleanUp = () => rmSync(dir, { recursive: true, force: true });
  try {
    const url = await listeningUrl(child, () => stderr);
    const pid = child.pid ?? 0;
    return {
      url,
      pid,
      cpuSeconds: () => cpuSeconds(pid),
      rssMiB: () => rssMiB(pid),
      close: async () => {
        await stopChild(child);
        cleanUp();
      },
    };
  } catch (error) {
    await stopChild(child);
    cleanUp();
    throw error;
  }
}

/** The one stdout line the emulator prints when ready: `EKS emulator listening on http://...`. */
function listeningUrl(child: ChildProcess, stderr: () => string): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(
      () => reject(new Error(`the emulator did not start within ${START_TIMEOUT_MS / 1000} s: ${stderr()}`)),
      START_TIMEOUT_MS,
    );
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the emulator exited with code ${code} before it was ready: ${stderr()}`));
    });
  });
}
