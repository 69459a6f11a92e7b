import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '@nats-io/transport-node';
import { freePort, NatsProcess, type StopSignal } from './nats-process.js';

/** One node of a private cluster: its own client port, cluster port, server name and store. */
export interface NatsNodeHandle {
  /** The server name (`-n`), as JetStream reports it in `cluster.leader` and `cluster.replicas`. */
  readonly name: string;
  readonly url: string;
  readonly port: number;
  readonly pid: number | undefined;
  readonly running: boolean;
  /** Stops the node by its PID: SIGTERM by default, `'SIGKILL'` for a crash. */
  stop(signal?: StopSignal): Promise<void>;
  /** Crashes the node: `stop('SIGKILL')`. */
  kill(): Promise<void>;
  /** Starts it again (stopping it first if it runs) on the same ports and store. */
  restart(signal?: StopSignal): Promise<void>;
}

/** A private nats-server cluster on loopback, with JetStream on every node. */
export interface NatsClusterHandle {
  readonly nodes: readonly NatsNodeHandle[];
  /** The client URLs of every node, for `servers` (a client fails over between them). */
  readonly servers: string[];
  /** The node with this server name; throws a RangeError naming the known ones otherwise. */
  node(name: string): NatsNodeHandle;
  /**
   * Resolves once the running nodes have elected a JetStream meta leader (a `$JS.API.INFO`
   * request is answered without error), rejects after `timeout` ms (default 20000).
   */
  waitForJetStream(timeout?: number): Promise<void>;
  /** Stops every node by PID and removes their stores. */
  dispose(): Promise<void>;
}

export interface StartNatsClusterOptions {
  /** Path of the binary (default `nats-server` from the PATH). */
  binary?: string;
  /** Milliseconds to wait for each node to accept connections and for JetStream (default 20000). */
  timeout?: number;
  /** Cluster name (default 'panini-test'); node names are `<cluster>-n1`, `-n2`, ... */
  name?: string;
}

/**
 * Starts `size` nats-server nodes routed to each other on loopback (free client and cluster
 * ports, distinct server names and JetStream stores) and waits for JetStream to be ready, so a
 * stream with `num_replicas: size` can be created at once. JetStream clustering needs at least
 * 3 nodes to survive the loss of one (RAFT quorum).
 * @example
 * const cluster = await startNatsCluster(3);
 * const app = await PaniniFactory.create(AppModule, { servers: cluster.servers });
 * after(() => cluster.dispose());
 */
export async function startNatsCluster(size = 3, options: StartNatsClusterOptions = {}): Promise<NatsClusterHandle> {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`a cluster needs a whole number of nodes >= 1, got ${size}`);
  const timeout = options.timeout ?? 20_000;
  const clusterName = options.name ?? 'panini-test';
  const ports = await Promise.all(Array.from({ length: size }, async () => ({ client: await freePort(), route: await freePort() })));
  const stores: string[] = [];
  const processes: NatsProcess[] = [];
  const nodes: NatsNodeHandle[] = ports.map((p, i) => {
    const name = `${clusterName}-n${i + 1}`;
    const store = mkdtempSync(join(tmpdir(), `panini-${name}-`));
    stores.push(store);
    const routes = ports.filter((_, j) => j !== i).map((o) => `nats://127.0.0.1:${o.route}`).join(',');
    const proc = new NatsProcess(p.client, [
      '-a', '127.0.0.1', '-p', String(p.client), '-n', name, '-js', '-sd', store,
      '--cluster_name', clusterName, '--cluster', `nats://127.0.0.1:${p.route}`, ...(routes ? ['--routes', routes] : []),
    ], { binary: options.binary, timeout });
    processes.push(proc);
    return {
      name,
      url: `nats://127.0.0.1:${p.client}`,
      port: p.client,
      get pid() { return proc.pid; },
      get running() { return proc.running; },
      stop: (signal) => proc.stop(signal),
      kill: () => proc.stop('SIGKILL'),
      restart: async (signal) => { await proc.stop(signal); await proc.start(); },
    };
  });
  const servers = nodes.map((n) => n.url);

  const dispose = async (): Promise<void> => {
    await Promise.all(processes.map((p) => p.dispose()));
    for (const s of stores) rmSync(s, { recursive: true, force: true });
  };

  const waitForJetStream = async (wait = timeout): Promise<void> => {
    const up = nodes.filter((n) => n.running).map((n) => n.url);
    const nc = await connect({ servers: up, timeout: wait });
    const deadline = Date.now() + wait;
    let last = 'no answer yet';
    try {
      for (;;) {
        try {
          const reply = await nc.request('$JS.API.INFO', undefined, { timeout: 1000 });
          const info = reply.json<{ error?: { description?: string } }>();
          if (!info.error) return;
          last = info.error.description ?? JSON.stringify(info.error);
        } catch (err) {
          last = err instanceof Error ? err.message : String(err);
        }
        if (Date.now() > deadline) throw new Error(`JetStream of cluster ${clusterName} not ready after ${wait} ms: ${last}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    } finally {
      await nc.close();
    }
  };

  try {
    await Promise.all(processes.map((p) => p.start()));
    await waitForJetStream();
  } catch (err) {
    await dispose();
    throw err;
  }
  return {
    nodes,
    servers,
    node(name) {
      const found = nodes.find((n) => n.name === name);
      if (!found) throw new RangeError(`no node named '${name}' in cluster ${clusterName}; nodes: ${nodes.map((n) => n.name).join(', ')}`);
      return found;
    },
    waitForJetStream,
    dispose,
  };
}
