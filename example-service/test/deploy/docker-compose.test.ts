import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { readServiceConfig } from '../../src/config/service-config.js';

// dist/test/deploy -> the repository root (there is no Docker engine here: the file is read, not run)
const file = fileURLToPath(new URL('../../../../docker-compose.yml', import.meta.url));

interface Service {
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  deploy?: { replicas: number };
  ports?: string[];
}

describe('docker-compose.yml', () => {
  let compose: { services: Record<string, Service>; volumes: Record<string, unknown> };
  before(() => { compose = parse(readFileSync(file, 'utf8')) as typeof compose; });

  describe('when the nats service is read', () => {
    it('should use the official nats image with JetStream in a named volume', () => {
      const nats = compose.services['nats']!;
      assert.match(nats.image!, /^nats:\d+(\.\d+)*-alpine$/);
      assert.ok(nats.command!.includes('--jetstream') || nats.command!.includes('-js'), `no JetStream flag in ${nats.command!.join(' ')}`);
      const store = nats.command![nats.command!.indexOf('--store_dir') + 1];
      assert.ok(nats.volumes!.includes(`nats-data:${store}`), 'the JetStream store is not on the volume');
      assert.ok('nats-data' in compose.volumes);
    });

    it('should have a health check that requires JetStream', () => {
      assert.match(compose.services['nats']!.healthcheck!.test.join(' '), /healthz\?js-enabled-only=true/);
    });
  });

  describe('when the example service is read', () => {
    it('should be built from the example Dockerfile and run two replicas once NATS is healthy', () => {
      const orders = compose.services['orders']!;
      assert.deepEqual(orders.build, { context: '.', dockerfile: 'example-service/Dockerfile' });
      assert.equal(orders.deploy!.replicas, 2);
      assert.deepEqual(orders.depends_on, { nats: { condition: 'service_healthy' } });
    });

    it('should set the environment the service needs, with values the service accepts', async () => {
      const env = compose.services['orders']!.environment!;
      assert.equal(env['NATS_URL'], 'nats://nats:4222');
      assert.equal(env['NODE_ENV'], 'production');
      for (const key of ['SERVICE_NAME', 'HTTP_HOST', 'HTTP_PORT']) assert.ok(env[key], `${key} is not set`);
      const config = await readServiceConfig(env, false);
      assert.deepEqual([config.production, config.httpHost, config.httpPort], [true, '0.0.0.0', 3000]);
    });
  });
});
