import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Test, type TestingApp } from '@panini/core/testing';
import { AuditModule } from '../../src/audit/audit.module.js';
import type { AuditEntry } from '../../src/audit/audit.log.js';

describe('AuditController', () => {
  let app: TestingApp;
  before(async () => { app = await Test.createTestingModule({ imports: [AuditModule] }).compile(); });
  after(() => app.close());

  describe('when events arrive on subjects of any depth under events.', () => {
    it('should keep each with its subject and answer them on audit.recent', async () => {
      await app.publish('events.orders.ord-1.created', { id: 'ord-1' });
      await app.publish('events.inventory.low', { sku: 'kiwi' });
      const recent = await app.request<AuditEntry[]>('audit.recent');
      assert.deepEqual(recent.map((e) => [e.subject, e.data]), [['events.orders.ord-1.created', { id: 'ord-1' }], ['events.inventory.low', { sku: 'kiwi' }]]);
    });
  });
});
