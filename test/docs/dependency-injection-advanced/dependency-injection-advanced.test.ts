import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ContainerError, Injectable, Module, RemoteError } from '../../../src/index.js';
import { Test } from '../../../src/testing/index.js';
import { InvoicesModule } from './invoices.js';
import { TenantContext } from './tenant.context.js';
import { OrdersModule } from './orders.module.js';
import { AppModule } from './app.module.js';
import { MailModule } from './mail.module.js';
import { PaymentsModule } from './payments.service.js';

describe('the advanced dependency injection guide', () => {
  describe('when invoices are read for two tenants at once', () => {
    it('should reach the tenant three levels down, per message, and refuse a message without it', async () => {
      const app = await Test.createTestingModule({ imports: [InvoicesModule] }).compile();
      try {
        const [a, b] = await Promise.all([
          app.request('invoices.get', { id: '1' }, { headers: { 'x-tenant': 'acme' } }),
          app.request('invoices.get', { id: '2' }, { headers: { 'x-tenant': 'globex' } }),
        ]);
        assert.deepEqual([a, b], [{ id: '1', table: 'invoices_acme' }, { id: '2', table: 'invoices_globex' }]);
        await assert.rejects(app.request('invoices.get', { id: '3' }), (e: unknown) => e instanceof RemoteError && e.code === 400);
      } finally {
        await app.close();
      }
    });
  });

  describe('when a singleton injects the tenant', () => {
    it('should refuse the module at start-up', async () => {
      @Injectable()
      class TenantCache { constructor(readonly tenant: TenantContext) {} }
      @Module({ providers: [TenantContext, TenantCache] })
      class WrongModule {}
      await assert.rejects(Test.createTestingModule({ imports: [WrongModule] }).compile(), (e: unknown) => ContainerError.is(e) && e.kind === 'scope');
    });
  });

  describe('when two files import each other through forwardRef', () => {
    it('should wire both modules and both services', async () => {
      const app = await Test.createTestingModule({ imports: [OrdersModule] }).compile();
      try {
        assert.equal(await app.request('users.summary', { id: 'ann' }), 'user ann has 3 order(s)');
      } finally {
        await app.close();
      }
    });
  });

  describe('when MailModule is configured from the typed config', () => {
    it('should build the mailer from the environment', async () => {
      process.env['SMTP_HOST'] = 'mail.internal';
      try {
        const app = await Test.createTestingModule({ imports: [AppModule] }).compile();
        try {
          assert.equal(await app.request('mail.server'), 'smtp://mail.internal:25');
        } finally {
          await app.close();
        }
      } finally {
        delete process.env['SMTP_HOST'];
      }
    });

    it('should refuse bad options at start-up', async () => {
      @Module({ imports: [MailModule.forRoot({ host: 'x', port: 0 })] })
      class BadMail {}
      await assert.rejects(Test.createTestingModule({ imports: [BadMail] }).compile(), /invalid options for MailModule: port: port must not be less than 1/);
    });
  });

  describe('when payments pick a gateway at run time', () => {
    it('should get, resolve with the message and create', async () => {
      const app = await Test.createTestingModule({ imports: [PaymentsModule] }).compile();
      try {
        assert.deepEqual(await app.request('payments.pay', { kind: 'bank', cents: 500 }, { headers: { 'x-tenant': 'acme' } }), {
          result: 'bank debited 500', tenant: 'acme', receipt: 'receipt: card charged 500',
        });
      } finally {
        await app.close();
      }
    });
  });
});
