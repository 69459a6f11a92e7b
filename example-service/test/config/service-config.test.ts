import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError } from '@panini/core/config';
import { readServiceConfig } from '../../src/config/service-config.js';

const read = (env: NodeJS.ProcessEnv) => readServiceConfig(env, false);

describe('readServiceConfig', () => {
  describe('when nothing is set', () => {
    it('should use local defaults: NATS on 127.0.0.1:4222, HTTP on loopback port 3000', async () => {
      const c = await read({});
      assert.deepEqual([c.natsUrl, c.httpHost, c.httpPort, c.production, c.name], ['nats://127.0.0.1:4222', '127.0.0.1', 3000, false, 'orders-service']);
    });
  });

  describe('when NODE_ENV is production', () => {
    it('should listen for HTTP on every interface (a container)', async () => {
      assert.equal((await read({ NODE_ENV: 'production' })).httpHost, '0.0.0.0');
    });
  });

  describe('when PORT is set but HTTP_PORT is not', () => {
    it('should use PORT', async () => {
      assert.equal((await read({ PORT: '8080' })).httpPort, 8080);
    });
  });

  describe('when several values are out of range or malformed', () => {
    it('should throw one ConfigError naming every variable', async () => {
      const err = await read({ HTTP_PORT: '70000', SERVICE_NAME: 'orders service', LOG_LEVEL: 'loud' }).catch((e: unknown) => e);
      assert.ok(ConfigError.is(err), String(err));
      assert.deepEqual(err.problems.map((p) => p.variable).sort(), ['HTTP_PORT', 'LOG_LEVEL', 'SERVICE_NAME']);
      assert.match(err.message, /SERVICE_NAME must be letters/);
    });
  });

  describe('when NATS_URL is blank or not a NATS URL', () => {
    it('should throw a ConfigError instead of using the default server', async () => {
      for (const bad of ['', '  ', 'http://127.0.0.1:4222']) {
        const err = await read({ NATS_URL: bad }).catch((e: unknown) => e);
        assert.ok(ConfigError.is(err) && /NATS_URL must be nats:\/\//.test(err.message), `${JSON.stringify(bad)}: ${String(err)}`);
      }
      assert.equal((await read({ NATS_URL: 'tls://a:4222, b:4222' })).natsUrl, 'tls://a:4222,b:4222');
    });
  });
});
