import type { ServiceConfig } from '../../src/config/service-config.js';

/** A configuration for tests: loopback, a free HTTP port, pending orders expire at once. */
export function testConfig(overrides: Partial<ServiceConfig> = {}): ServiceConfig {
  return {
    name: 'orders-test',
    natsUrl: 'nats://127.0.0.1:1',
    production: false,
    httpPort: 0,
    httpHost: '127.0.0.1',
    pendingTimeoutMs: 0,
    logLevel: 'error',
    ...overrides,
  };
}
