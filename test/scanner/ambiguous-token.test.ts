import 'reflect-metadata';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ContainerError, Injectable, Module } from '../../src/index.js';
import { Test } from '../../src/testing/index.js';

const CONFIG = Symbol('config');

@Module({ providers: [{ provide: CONFIG, useValue: 'billing' }], exports: [CONFIG] })
class BillingConfigModule {}

@Module({ providers: [{ provide: CONFIG, useValue: 'shipping' }], exports: [CONFIG] })
class ShippingConfigModule {}

@Injectable()
class Only {}

@Module({ imports: [BillingConfigModule, ShippingConfigModule], providers: [Only] })
class RootModule {}

@Module({ imports: [BillingConfigModule] })
class SingleModule {}

describe('app.get', () => {
  describe('when two modules provide the token', () => {
    it('should fail naming both modules and how to fix it, instead of returning the first found', async () => {
      const app = await Test.createTestingModule({ imports: [RootModule] }).compile();
      try {
        assert.throws(() => app.get(CONFIG), (err: ContainerError) => {
          assert.ok(err instanceof ContainerError);
          assert.equal(err.kind, 'ambiguous-token');
          assert.equal(err.message, 'Symbol(config) is provided by 2 modules (BillingConfigModule, ShippingConfigModule), so app.get() cannot tell which one you mean: import only one of them, or give each its own token');
          return true;
        });
        assert.ok(app.get(Only) instanceof Only);
      } finally {
        await app.close();
      }
    });
  });

  describe('when one module provides the token', () => {
    it('should resolve it', async () => {
      const app = await Test.createTestingModule({ imports: [SingleModule] }).compile();
      assert.equal(app.get(CONFIG), 'billing');
      await app.close();
    });
  });
});
