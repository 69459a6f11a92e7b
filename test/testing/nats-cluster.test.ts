import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { startNatsCluster, startNatsServer, waitUntil, type NatsClusterHandle } from '../../src/testing/index.js';

const alive = (pid: number | undefined): boolean => {
  if (pid === undefined) return false;
  try { process.kill(pid, 0); return true; } catch { return false; }
};

describe('startNatsServer', () => {
  describe('when the server is killed with SIGKILL and restarted', () => {
    it('should come back on the same port with the streams of its store', async () => {
      const nats = await startNatsServer();
      try {
        let nc = await connect({ servers: nats.url });
        await (await jetstreamManager(nc)).streams.add({ name: 'KEPT', subjects: ['kept.>'] });
        await nc.close();
        const pid = nats.pid;
        await nats.kill();
        assert.equal(alive(pid), false, 'the old process should be gone');
        await nats.restart();
        assert.notEqual(nats.pid, pid);
        nc = await connect({ servers: nats.url });
        const info = await (await jetstreamManager(nc)).streams.info('KEPT');
        assert.deepEqual(info.config.subjects, ['kept.>']);
        await nc.close();
      } finally {
        await nats.dispose();
      }
    });
  });
});

describe('startNatsCluster', () => {
  let cluster: NatsClusterHandle;
  let nc: NatsConnection;
  before(async () => {
    cluster = await startNatsCluster(3);
    nc = await connect({ servers: cluster.servers });
  });
  after(async () => {
    await nc?.close();
    await cluster?.dispose();
  });

  describe('when it has started', () => {
    it('should run three routed nodes with distinct names and a JetStream that takes three replicas', async () => {
      assert.deepEqual(cluster.nodes.map((n) => n.name), ['panini-test-n1', 'panini-test-n2', 'panini-test-n3']);
      assert.equal(new Set(cluster.nodes.map((n) => n.port)).size, 3);
      const jsm = await jetstreamManager(nc);
      const info = await jsm.streams.add({ name: 'R3', subjects: ['r3.>'], num_replicas: 3 });
      const names = [info.cluster?.leader, ...(info.cluster?.replicas ?? []).map((r) => r.name)].sort();
      assert.deepEqual(names, cluster.nodes.map((n) => n.name));
    });
  });

  describe('when the stream leader is killed with SIGKILL', () => {
    it('should elect another leader among the survivors and keep the stream', async () => {
      const jsm = await jetstreamManager(nc);
      const leader = (await jsm.streams.info('R3')).cluster?.leader;
      assert.ok(leader, 'the stream should have a leader');
      const node = cluster.node(leader);
      const pid = node.pid;
      await node.kill();
      assert.equal(alive(pid), false);
      assert.equal(node.running, false);
      const next = await waitUntil(async () => {
        const l = (await jsm.streams.info('R3')).cluster?.leader;
        return l && l !== leader ? l : undefined;
      }, { timeout: 30_000, what: 'a new stream leader' });
      assert.notEqual(next, leader);
      await node.restart();
      assert.equal(node.running, true);
    });
  });

  describe('when asked for a node it does not have', () => {
    it('should throw a RangeError naming the nodes', () => {
      assert.throws(() => cluster.node('nope'), { name: 'RangeError', message: /panini-test-n1, panini-test-n2, panini-test-n3/ });
    });
  });

  describe('when disposed', () => {
    it('should leave no node process behind', async () => {
      const c = await startNatsCluster(2, { name: 'short' });
      const pids = c.nodes.map((n) => n.pid);
      await c.dispose();
      assert.deepEqual(pids.map(alive), [false, false]);
    });
  });
});
