import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Controller, Module, PaniniFactory, Subject } from '../../src/index.js';
import { MemoryTransport } from '../../src/testing/index.js';
import { describeApp } from '../../src/cli/info/app-description.js';
import { formatInfo } from '../../src/cli/info/format-info.js';

@Controller('jobs')
class JobsController {
  @Subject('plain') plain() { return 1; }
  @Subject('tight', { backlog: { maxMessages: 100, maxBytes: 512 * 1024 } }) tight() { return 1; }
  @Subject('open', { backlog: { maxMessages: Infinity } }) open() { return 1; }
}
@Module({ controllers: [JobsController] })
class JobsModule {}

describe('panini info backlog column', () => {
  describe('when handlers keep the default, set their own, or lift a limit', () => {
    it('should show each handler\'s limits, app-wide ones included, and null for no limit in JSON', async () => {
      const app = await PaniniFactory.create(JobsModule, { transport: new MemoryTransport(), logging: { silent: true }, handleSignals: false, backlog: { maxBytes: 8 * 1024 * 1024 } });
      const d = await describeApp(app, JobsModule);
      const by = (p: string) => d.handlers.find((h) => h.pattern === p)!.backlog;
      assert.deepEqual(by('jobs.plain'), { maxMessages: 10_000, maxBytes: 8 * 1024 * 1024 });
      assert.deepEqual(by('jobs.tight'), { maxMessages: 100, maxBytes: 512 * 1024 });
      assert.deepEqual(by('jobs.open'), { maxMessages: null, maxBytes: 8 * 1024 * 1024 });

      const text = formatInfo(d);
      assert.match(text, /jobs\.plain .*JobsController\.plain\s+-\s+10000 msgs \/ 8 MiB$/m);
      assert.match(text, /jobs\.tight .*100 msgs \/ 512 KiB$/m);
      assert.match(text, /jobs\.open .*no limit \/ 8 MiB$/m);
      assert.match(text, /^BACKLOG: .*requests get 503 and events are shed/m);
    });
  });
});
