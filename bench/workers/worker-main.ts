import { isCall, type Answer, type Role } from '../harness/ipc.js';
import { RunProfiler } from './profiler.js';

/**
 * Entry point of every worker process: `node worker-main.js <role>`. Loads only the role it
 * plays (a raw worker never loads Panini), then answers the harness's calls over IPC.
 */
const ROLES: Record<string, () => Promise<Role>> = {
  'raw-client': async () => (await import('./roles/raw-client.role.js')).rawClient(),
  'raw-service': async () => (await import('./roles/raw-service.role.js')).rawService(),
  'raw-js-service': async () => (await import('./roles/raw-js-service.role.js')).rawJetStreamService(),
  'panini-client': async () => (await import('./roles/panini-client.role.js')).paniniClient(),
  'panini-service': async () => (await import('./roles/panini-service.role.js')).paniniService(),
  'panini-metrics-service': async () => (await import('./roles/panini-service.role.js')).paniniService('metrics'),
  'panini-js-service': async () => (await import('./roles/panini-js-service.role.js')).paniniJetStreamService(),
  'panini-service-no-micro': async () => (await import('./roles/panini-service.role.js')).paniniService('no-micro'),
  'panini-service-message-scope': async () => (await import('./roles/panini-service.role.js')).paniniService('message-scope'),
  'log-writer': async () => (await import('./roles/log-writer.role.js')).logWriter(),
  'http-load': async () => (await import('./roles/http-load.role.js')).httpLoad(),
  'express-gateway': async () => (await import('./roles/express-gateway.role.js')).expressGateway(),
  'panini-gateway': async () => (await import('./roles/panini-gateway.role.js')).paniniGateway(),
  'traced-echo': async () => (await import('./roles/traced-echo.role.js')).tracedEcho(),
  // the peers live in their own workspace (bench/peers), installed by `npm run bench:peers`
  'nestjs-service': async () => (await peer('nestjs')).nestService(),
  'nestjs-client': async () => (await peer('nestjs')).nestClient(),
  'moleculer-service': async () => (await peer('moleculer')).moleculerService(),
  'moleculer-client': async () => (await peer('moleculer')).moleculerClient(),
};

type PeerModule = Record<string, () => Role>;

/** Loads a peer's roles from bench/peers/roles (plain ES modules, not compiled with the project). */
async function peer(name: 'nestjs' | 'moleculer'): Promise<PeerModule> {
  const url = new URL(`../../../bench/peers/roles/${name}.mjs`, import.meta.url);
  try {
    return (await import(url.href)) as PeerModule;
  } catch (err) {
    throw new Error(`cannot load the ${name} peer (${(err as Error).message}); install the peers with: npm ci --prefix bench/peers`);
  }
}

function answer(a: Answer, then?: () => void): void {
  if (process.connected) process.send!(a, undefined, undefined, () => then?.());
  else then?.();
}

async function main(): Promise<void> {
  const name = process.argv[2] ?? '';
  const make = ROLES[name];
  if (!make || !process.send) {
    process.stderr.write(`unknown role '${name}' (or not started with an IPC channel); roles: ${Object.keys(ROLES).join(', ')}\n`);
    process.exit(2);
  }
  // A worker never outlives its harness, nor its time budget.
  process.on('disconnect', () => process.exit(1));
  const lifetime = Number(process.env['BENCH_MAX_LIFETIME_MS'] ?? 600_000);
  setTimeout(() => { process.stderr.write(`${name}: lifetime of ${lifetime} ms over; exiting\n`); process.exit(3); }, lifetime).unref();

  // Listen before the role has loaded: a call sent meanwhile waits for it instead of being lost.
  const loading = make();
  const profiler = new RunProfiler();
  const builtIn: Record<string, (args: never) => unknown> = {
    'profile-start': () => profiler.start(),
    'profile-stop': ({ file }: { file: string }) => profiler.stop(file),
    // resident memory once garbage is collected (workers run with --expose-gc), in MiB
    'memory': () => {
      (globalThis as { gc?: () => void }).gc?.();
      return { rssMb: process.memoryUsage().rss / 2 ** 20, heapUsedMb: process.memoryUsage().heapUsed / 2 ** 20 };
    },
  };
  process.on('message', (m: unknown) => {
    if (!isCall(m)) return;
    loading
      .then((role) => {
        const fn = builtIn[m.cmd] ?? role[m.cmd];
        if (typeof fn !== 'function') throw new Error(`role ${name} has no command '${m.cmd}'`);
        return (fn as (a: unknown) => unknown).call(role, m.args);
      })
      .then(
        (result) => answer({ id: m.id, ok: true, result: result ?? null }, m.cmd === 'close' ? () => process.exit(0) : undefined),
        (err: unknown) => answer({ id: m.id, ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
      );
  });
  await loading;
}

main().catch((err: unknown) => {
  process.stderr.write(`worker failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
