import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../../src/config/index.js';
import { Test } from '../../../src/testing/index.js';
import { EnvConfig } from './env.config.js';

describe('the configuration guide', () => {
  let dir: string;
  const saved = { ...process.env };
  before(() => { dir = mkdtempSync(join(tmpdir(), 'panini-guide-config-')); });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
    for (const k of ['ENV_FILE', 'HTTP_PORT', 'AUDIT_ENABLED']) if (saved[k] === undefined) delete process.env[k]; else process.env[k] = saved[k];
  });

  describe('when the app reads a .env file and the environment', () => {
    it('should inject the typed values, the environment winning over the file', async () => {
      const file = join(dir, '.env');
      writeFileSync(file, 'HTTP_PORT=8080\nREGION=eu-west\nAUDIT_ENABLED=false\n');
      process.env['ENV_FILE'] = file;
      process.env['AUDIT_ENABLED'] = 'true';
      const { AppModule } = await import('./app.module.js');
      const app = await Test.createTestingModule({ imports: [AppModule] }).compile();
      try {
        assert.deepEqual(await app.request('settings.get'), { port: 8080, audit: true, region: 'eu-west' });
      } finally {
        await app.close();
      }
    });
  });

  describe('when three variables are wrong', () => {
    it('should list the three in one error', async () => {
      const err = await loadConfig({ schema: EnvConfig, env: { NATS_URL: 'http://x', HTTP_PORT: '-1', LOG_LEVEL: 'loud' }, envFilePath: false }).catch((e: unknown) => e);
      assert.ok(ConfigError.is(err));
      assert.deepEqual(err.problems.map((p) => p.variable).sort(), ['HTTP_PORT', 'LOG_LEVEL', 'NATS_URL']);
    });
  });
});
