/**
 * A real, throwaway PostgreSQL server (Debian's `postgresql` package) for the inventory's
 * tests: `initdb` into a temporary directory, `postgres` on a free loopback port with trust
 * authentication, removed by `stop()`. PostgreSQL refuses to run as root, so under root both
 * run as the `postgres` system user the package creates. Missing binaries fail the tests:
 * `bash scripts/install-test-deps.sh` installs them.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

export interface PostgresServer {
  readonly port: number;
  /** A URL for the server's `postgres` database (for statements outside the tests' databases). */
  readonly adminUrl: string;
  /** Creates a new empty database and returns its URL. */
  createDatabase(): Promise<string>;
  stop(): Promise<void>;
}

const ROOT = '/usr/lib/postgresql';

/** The newest installed version's bin directory, whatever the version. */
export function postgresBinDir(): string {
  const versions = existsSync(ROOT)
    ? readdirSync(ROOT)
        .filter((name) => existsSync(join(ROOT, name, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0) {
    throw new Error(
      `No PostgreSQL server binaries in ${ROOT}/*/bin: run \`bash scripts/install-test-deps.sh\` (it installs Debian's postgresql).`,
    );
  }
  return join(ROOT, versions[0] as string, 'bin');
}

interface Identity {
  uid: number;
  gid: number;
}

/** Under root, the `postgres` user's ids; otherwise the tests' own user runs the server. */
function serverIdentity(): Identity | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
  const uid = id('-u');
  const gid = id('-g');
  if (uid.status !== 0 || gid.status !== 0) {
    throw new Error(
      "Running as root, and there is no `postgres` user to run PostgreSQL as (Debian's postgresql package creates it).",
    );
  }
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

export async function startPostgres(): Promise<PostgresServer> {
  const bin = postgresBinDir();
  const identity = serverIdentity();
  const dir = mkdtempSync(join(tmpdir(), 'inventory-pg-'));
  if (identity) chownSync(dir, identity.uid, identity.gid);
  const data = join(dir, 'data');
  const asServer = { ...identity, cwd: dir };

  const init = spawnSync(
    join(bin, 'initdb'),
    // C.UTF-8 is not the "C" locale to PostgreSQL: the store's columns must bring their own collation.
    ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync'],
    { ...asServer, encoding: 'utf8' },
  );
  if (init.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`initdb failed (${init.status}): ${init.stderr}${init.stdout}`);
  }

  const port = await freePort();
  const child: ChildProcess = spawn(
    join(bin, 'postgres'),
    [
      ...['-D', data, '-p', String(port), '-k', dir],
      ...['-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'synchronous_commit=off'],
      ...['-c', 'full_page_writes=off', '-c', 'max_connections=200'],
    ],
    { ...asServer, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  // A test run that dies must not leave a server behind.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  try {
    await new Promise<void>((resolve, reject) => {
      let output = '';
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('database system is ready to accept connections')) resolve();
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('exit', (code) => reject(new Error(`postgres exited with ${code}: ${output}`)));
    });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }

  const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let databases = 0;
  return {
    port,
    adminUrl,
    async createDatabase() {
      databases += 1;
      const name = `inventory_test_${databases}`;
      const client = new Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`create database ${name}`);
      } finally {
        await client.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    async stop() {
      process.removeListener('exit', killOnExit);
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        // Fast shutdown: ends the sessions still open.
        child.kill('SIGINT');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
