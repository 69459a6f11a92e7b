import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from '../../src/config/service-config.js';

describe('loadConfig', () => {
  describe('when nothing is set', () => {
    it('should use local defaults: NATS on 127.0.0.1:4222, HTTP on loopback port 3000', () => {
      const c = loadConfig({});
      assert.deepEqual([c.natsUrl, c.httpHost, c.httpPort, c.production, c.name], ['nats://127.0.0.1:4222', '127.0.0.1', 3000, false, 'orders-service']);
    });
  });

  describe('when NODE_ENV is production', () => {
    it('should listen for HTTP on every interface (a container)', () => {
      assert.equal(loadConfig({ NODE_ENV: 'production' }).httpHost, '0.0.0.0');
    });
  });

  describe('when PORT is set but HTTP_PORT is not', () => {
    it('should use PORT', () => {
      assert.equal(loadConfig({ PORT: '8080' }).httpPort, 8080);
    });
  });

  describe('when a value is out of range or a name is not a queue group name', () => {
    it('should throw a ConfigError naming the variable', () => {
      assert.throws(() => loadConfig({ HTTP_PORT: '70000' }), (e: unknown) => e instanceof ConfigError && /HTTP_PORT must be a whole number/.test(e.message));
      assert.throws(() => loadConfig({ SERVICE_NAME: 'orders service' }), /SERVICE_NAME must be letters/);
      assert.throws(() => loadConfig({ LOG_LEVEL: 'loud' }), /LOG_LEVEL must be/);
    });
  });

  describe('when NATS_URL is blank or not a NATS URL', () => {
    it('should throw a ConfigError quoting what was read instead of using the default server', () => {
      assert.throws(() => loadConfig({ NATS_URL: '' }), /NATS_URL is empty \(read ""\)/);
      assert.throws(() => loadConfig({ NATS_URL: '  ' }), /NATS_URL is empty \(read "  "\)/);
      assert.throws(() => loadConfig({ NATS_URL: 'http://127.0.0.1:4222' }), (e: unknown) => e instanceof ConfigError && /NATS_URL must be nats:\/\/.*got "http:\/\/127\.0\.0\.1:4222"/.test(e.message));
      assert.equal(loadConfig({ NATS_URL: 'tls://a:4222, b:4222' }).natsUrl, 'tls://a:4222,b:4222');
    });
  });
});
