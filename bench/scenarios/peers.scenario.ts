import type { Metrics } from '../harness/stats.js';
import type { MetricSpec, Scenario, SideWorkers } from '../harness/scenario.js';
import { subjectOf } from '../fixtures/order.payload.js';
import { publishAndReceive } from './events-variant.js';
import { PARALLEL_METRICS, parallelRun } from './request-parallel.scenario.js';
import type { SerialResult } from '../workers/client-loops.js';

/** A framework measured beside Panini, against the same raw nats.js baseline. */
export interface Peer { id: 'nestjs' | 'moleculer'; name: string; how: { events: string; request: string } }

export const PEERS: readonly Peer[] = [
  {
    id: 'nestjs',
    name: 'NestJS',
    how: {
      events: '@nestjs/microservices 12 (Transport.NATS, queue group): ClientProxy.emit() in a loop; an @EventPattern handler',
      request: '@nestjs/microservices 12 (Transport.NATS, queue group): firstValueFrom(ClientProxy.send()); a @MessagePattern handler returning the ack',
    },
  },
  {
    id: 'moleculer',
    name: 'Moleculer',
    how: {
      events: 'moleculer 0.15 (NATS transporter, JSON): broker.emit() of a balanced event in a loop; a service event handler',
      request: 'moleculer 0.15 (NATS transporter, JSON): broker.call() of a service action returning the ack',
    },
  },
];

/** The peer's client and service against the raw pair, both on fresh subjects of their own. */
async function rawAndPeer(env: Parameters<Scenario['open']>[0], peer: Peer, subject: 'events' | 'request'): Promise<Record<'baseline' | 'candidate', SideWorkers>> {
  const [rawClient, rawService, peerClient, peerService] = await Promise.all([
    env.spawn('raw-client', 'raw'), env.spawn('raw-service', 'raw'),
    env.spawn(`${peer.id}-client`, peer.id), env.spawn(`${peer.id}-service`, peer.id),
  ]);
  return {
    baseline: { client: rawClient, service: rawService, subject: subjectOf('raw', subject) },
    candidate: { client: peerClient, service: peerService, subject: subjectOf(peer.id, subject) },
  };
}

const EVENT_METRICS: MetricSpec[] = [
  { key: 'rate', label: 'events/s end to end', better: 'higher', digits: 0 },
  { key: 'cpuUs', label: 'CPU µs/event (both)', better: 'lower', digits: 2 },
];
const SERIAL_METRICS: MetricSpec[] = [
  { key: 'p50Us', label: 'latency p50 µs', better: 'lower', digits: 1 },
  { key: 'cpuUs', label: 'CPU µs/request (both)', better: 'lower', digits: 2 },
];

/**
 * Scenarios 1, 2 and 3 with a peer in Panini's place (`--peers`): the same raw baseline, sender
 * loops, payload and counts, so the peer's ratios sit beside Panini's in one table.
 */
function peerScenarios(peer: Peer, base: number): Scenario[] {
  const raw = { name: 'raw', how: 'the raw nats.js sender and service of scenarios 1-3' };
  return [
    {
      id: `events-${peer.id}`, number: base + 1, title: `Events, ${peer.name}`, unit: 'events', defaultCount: 200_000,
      baseline: raw, candidate: { name: peer.id, how: peer.how.events }, metrics: EVENT_METRICS, targets: [],
      async open(env) {
        const sides = await rawAndPeer(env, peer, 'events');
        return {
          uses: (side) => [sides[side].client, sides[side].service],
          async run(side, count): Promise<Metrics> {
            const { got, sent } = await publishAndReceive(sides[side], count, env.callTimeoutMs(count));
            return { rate: (count / (got.lastUs - sent.startUs)) * 1e6, cpuUs: (sent.cpuUs + got.cpuUs) / count };
          },
        };
      },
    },
    {
      id: `request-serial-${peer.id}`, number: base + 2, title: `Request/reply one at a time, ${peer.name}`, unit: 'requests', defaultCount: 10_000,
      baseline: raw, candidate: { name: peer.id, how: peer.how.request }, metrics: SERIAL_METRICS, targets: [],
      async open(env) {
        const sides = await rawAndPeer(env, peer, 'request');
        return {
          uses: (side) => [sides[side].client, sides[side].service],
          async run(side, count): Promise<Metrics> {
            const { client, service, subject } = sides[side];
            const timeout = env.callTimeoutMs(count);
            await service.call('arm', {}, timeout);
            const r = await client.call<SerialResult>('serial', { count, subject }, timeout);
            const s = await service.call<{ cpuUs: number }>('snapshot', undefined, timeout);
            return { p50Us: r.p50Us, cpuUs: (r.cpuUs + s.cpuUs) / count };
          },
        };
      },
    },
    {
      id: `request-parallel-${peer.id}`, number: base + 3, title: `Request/reply, 64 in flight, ${peer.name}`, unit: 'requests', defaultCount: 60_000,
      baseline: raw, candidate: { name: peer.id, how: peer.how.request }, metrics: PARALLEL_METRICS.slice(0, 2), targets: [],
      async open(env) {
        const sides = await rawAndPeer(env, peer, 'request');
        return {
          uses: (side) => [sides[side].client, sides[side].service],
          async run(side, count) { return parallelRun(sides[side], count, env.callTimeoutMs(count)); },
        };
      },
    },
  ];
}

/** Run with `--peers` (after `npm ci --prefix bench/peers`): scenarios 21-23 NestJS, 24-26 Moleculer. */
export const PEER_SCENARIOS: readonly Scenario[] = PEERS.flatMap((peer, i) => peerScenarios(peer, 20 + i * 3));

/** Which of Panini's scenarios each peer scenario repeats, for the side-by-side table. */
export const PEER_SHAPES: ReadonlyArray<{ panini: string; label: string; metrics: string[] }> = [
  { panini: 'events', label: 'Events', metrics: ['rate', 'cpuUs'] },
  { panini: 'request-serial', label: 'Request/reply, one at a time', metrics: ['p50Us', 'cpuUs'] },
  { panini: 'request-parallel', label: 'Request/reply, 64 in flight', metrics: ['rate', 'cpuUs'] },
];
