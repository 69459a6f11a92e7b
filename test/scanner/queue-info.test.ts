import 'reflect-metadata';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PaniniFactory } from '../../src/index.js';
import { MemoryTransport } from '../../src/testing/index.js';
import { describeApp } from '../../src/cli/info/app-description.js';
import { formatInfo } from '../../src/cli/info/format-info.js';
import { OverlapModule } from '../pipeline/hostile-fixtures.js';

describe('panini info', () => {
  describe('when handlers of the service overlap', () => {
    it('should show the queue group each one joins', async () => {
      const app = await PaniniFactory.create(OverlapModule, { transport: new MemoryTransport(), logging: { silent: true }, handleSignals: false });
      const d = await describeApp(app, OverlapModule);
      const queue = (handler: string) => d.handlers.find((h) => h.handler === handler)!.queue;
      assert.equal(queue('UsersA.created'), '<service name>.UsersA.created');
      assert.equal(queue('CoreController.wildcard'), '<service name>.CoreController.wildcard');
      assert.equal(queue('AuditController.audit'), '<service name>.AuditController.audit');
      assert.match(formatInfo(d), /a handler whose subject overlaps another's gets <service name>\.<Controller>\.<method>/);
    });
  });
});
