/**
 * What one HTTP exchange between two Node.js processes costs on this machine, with no gateway
 * code at all: a child process that answers every POST with a fixed body, timed back to back and
 * after both sides sat idle for L (as they do while an EKS call waits out its latency). The
 * gateway is one such exchange more than the SDK alone, so this is the part of its overhead that
 * belongs to the machine.
 */
import { spawn } from 'node:child_process';
import { graphqlClient } from './client';
import { percentile, round, timed } from './stats';

export interface HopCost {
  /** p50 of exchanges sent one right after another. */
  backToBackMs: number;
  /** p50 of exchanges sent after `idleMs` with nothing to do. */
  afterIdleMs: number;
  idleMs: number;
}

const ECHO_SERVER = `
const server = require('node:http').createServer((req, res) => {
  req.resume();
  req.on('end', () => res.end('{"data":{"__typename":"Query"}}'));
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
`;
const WARM_UP = 50;
const PAIRS = 100;

export async function measureHop(idleMs: number): Promise<HopCost> {
  const child = spawn(process.execPath, ['-e', ECHO_SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      child.stdout.once('data', (d: Buffer) => resolve(Number(d.toString().trim())));
      child.once('exit', (code) => reject(new Error(`the echo server exited with code ${code}`)));
    });
    // The bench's own client, with one socket: the same request code as every scenario.
    const client = graphqlClient(`http://127.0.0.1:${port}/`, 1);
    try {
      const exchange = () => client.query('{ __typename }');
      for (let i = 0; i < WARM_UP; i += 1) await exchange();
      const backToBack: number[] = [];
      const afterIdle: number[] = [];
      for (let i = 0; i < PAIRS; i += 1) {
        backToBack.push(await timed(exchange));
        await new Promise((resolve) => setTimeout(resolve, idleMs));
        afterIdle.push(await timed(exchange));
      }
      return {
        backToBackMs: round(percentile(backToBack, 50), 2),
        afterIdleMs: round(percentile(afterIdle, 50), 2),
        idleMs,
      };
    } finally {
      client.close();
    }
  } finally {
    child.kill();
  }
}
