import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUrl, Max, Min } from 'class-validator';
import { Controller, Module, Subject } from '../../src/index.js';
import { ConfigError, ConfigModule, loadConfig } from '../../src/config/index.js';
import { Test } from '../../src/testing/index.js';

class Env {
  @IsUrl({ protocols: ['nats'], require_tld: false }) NATS_URL!: string;
  @IsInt() @Min(0) @Max(65535) HTTP_PORT: number = 3000;
  @IsBoolean() FEATURE_X: boolean = false;
  @IsIn(['error', 'warn', 'info', 'debug']) LOG_LEVEL: string = 'info';
  @IsOptional() @IsString() REGION?: string;
}

describe('ConfigModule', () => {
  let dir: string;
  before(() => { dir = mkdtempSync(join(tmpdir(), 'panini-config-')); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  describe('when every variable is valid', () => {
    it('should convert strings by the property types and keep defaults for unset ones', async () => {
      const env = await loadConfig({ schema: Env, env: { NATS_URL: 'nats://127.0.0.1:4222', HTTP_PORT: '8080', FEATURE_X: 'true' }, envFilePath: false });
      assert.ok(env instanceof Env);
      assert.deepEqual({ ...env }, { NATS_URL: 'nats://127.0.0.1:4222', HTTP_PORT: 8080, FEATURE_X: true, LOG_LEVEL: 'info', REGION: undefined });
    });
  });

  describe('when a .env file exists', () => {
    it('should read it, with variables of the environment winning over the file', async () => {
      const file = join(dir, 'app.env');
      writeFileSync(file, '# local\nNATS_URL=nats://file:4222\nHTTP_PORT=9000\nREGION="eu west"\n');
      const env = await loadConfig({ schema: Env, env: { HTTP_PORT: '7000' }, envFilePath: file });
      assert.deepEqual([env.NATS_URL, env.HTTP_PORT, env.REGION], ['nats://file:4222', 7000, 'eu west']);
    });

    it('should not write what it read into process.env', async () => {
      const file = join(dir, 'leak.env');
      writeFileSync(file, 'NATS_URL=nats://file:4222\nPANINI_CONFIG_TEST_ONLY=1\n');
      await loadConfig({ schema: Env, env: {}, envFilePath: file });
      assert.equal(process.env['PANINI_CONFIG_TEST_ONLY'], undefined);
    });
  });

  describe('when the .env file named does not exist', () => {
    it('should read the environment alone', async () => {
      const env = await loadConfig({ schema: Env, env: { NATS_URL: 'nats://a:4222' }, envFilePath: join(dir, 'missing.env') });
      assert.equal(env.NATS_URL, 'nats://a:4222');
    });
  });

  describe('when several variables are missing or invalid', () => {
    it('should fail create() with one ConfigError listing each, without their values', async () => {
      @Controller('cfg')
      class CfgController {
        constructor(private readonly env: Env) {}
        @Subject('port') port(): number { return this.env.HTTP_PORT; }
      }
      @Module({ imports: [ConfigModule.forRoot({ schema: Env, env: { HTTP_PORT: '99999', FEATURE_X: 'maybe', LOG_LEVEL: 's3cret-level' }, envFilePath: false })], controllers: [CfgController] })
      class AppModule {}
      const err = await Test.createTestingModule({ imports: [AppModule] }).compile().catch((e: unknown) => e);
      assert.ok(ConfigError.is(err), String(err));
      assert.deepEqual(err.problems.map((p) => p.variable).sort(), ['FEATURE_X', 'HTTP_PORT', 'LOG_LEVEL', 'NATS_URL']);
      assert.match(err.message, /4 environment variable\(s\) missing or invalid/);
      assert.match(err.message, /NATS_URL \(not set\)/);
      assert.doesNotMatch(err.message, /s3cret-level|99999|maybe/);
    });
  });

  describe('when the config class is injected by type', () => {
    it('should give handlers the validated instance', async () => {
      @Controller('cfg')
      class CfgController {
        constructor(private readonly env: Env) {}
        @Subject('port') port(): number { return this.env.HTTP_PORT; }
      }
      @Module({ controllers: [CfgController] })
      class FeatureModule {}
      const app = await Test.createTestingModule({ imports: [ConfigModule.forRoot({ schema: Env, env: { NATS_URL: 'nats://x:1', HTTP_PORT: '81' }, envFilePath: false }), FeatureModule] }).compile();
      try {
        assert.equal(await app.request('cfg.port'), 81);
      } finally {
        await app.close();
      }
    });
  });

  describe('when a variable holds any string', () => {
    it('should either load a whole number in range or list the variable in a ConfigError, never anything else', async () => {
      await fc.assert(fc.asyncProperty(fc.string(), async (raw) => {
        try {
          const env = await loadConfig({ schema: Env, env: { NATS_URL: 'nats://a:1', HTTP_PORT: raw }, envFilePath: false });
          return Number.isInteger(env.HTTP_PORT) && env.HTTP_PORT >= 0 && env.HTTP_PORT <= 65535;
        } catch (err) {
          return ConfigError.is(err) && err.problems.length === 1 && err.problems[0]!.variable === 'HTTP_PORT';
        }
      }), { numRuns: 300 });
    });
  });
});
