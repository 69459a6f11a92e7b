import { Agent, request } from 'node:http';
import type { Role } from '../../harness/ipc.js';
import { ORDER } from '../../fixtures/order.payload.js';
import { parallelLoop } from '../client-loops.js';

export interface HttpLoadArgs { url: string; count: number; inFlight: number }

/**
 * The HTTP load generator, the same process for both sides: keep-alive connections, `inFlight`
 * POSTs of the order at once, each answer read in full and checked for status 200.
 */
export function httpLoad(): Role {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const body = Buffer.from(JSON.stringify(ORDER));
  const post = (url: URL) => (): Promise<void> =>
    new Promise((resolve, reject) => {
      const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': body.length } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          if (res.statusCode === 200) resolve();
          else reject(new Error(`POST ${url.href} answered ${res.statusCode}: ${Buffer.concat(chunks).toString()}`));
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  return {
    async setup() {},
    run({ url, count, inFlight }: HttpLoadArgs) {
      return parallelLoop(count, inFlight, post(new URL(url)));
    },
    async close() {
      agent.destroy();
    },
  };
}
