// invoices.test.ts
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { PaniniFactory, type PaniniApplication } from '../../../src/index.js';
import { startNatsServer, type NatsServerHandle } from '../../../src/testing/index.js';
import { InvoicesModule, InvoicesService } from './invoices.module.js';

describe('invoices in an object store', () => {
  let nats: NatsServerHandle;
  let app: PaniniApplication;

  before(async () => {
    nats = await startNatsServer();
    app = await PaniniFactory.create(InvoicesModule, { name: 'invoices', servers: nats.url, logging: { level: 'warn' }, handleSignals: false });
    await app.start();
  });
  after(async () => {
    await app?.close();
    await nats?.dispose();
  });

  it('should give back the bytes it stored', async () => {
    const invoices = app.get(InvoicesService);
    const pdf = Buffer.alloc(300 * 1024, 7);
    const meta = await invoices.save('2026-42', Readable.from([pdf.subarray(0, 1000), pdf.subarray(1000)]));
    assert.equal(meta.size, pdf.length);
    const back: Buffer[] = [];
    for await (const chunk of (await invoices.open('2026-42'))!) back.push(Buffer.from(chunk as Uint8Array));
    assert.deepEqual(Buffer.concat(back), pdf);
    assert.equal(await invoices.open('missing'), undefined);
  });
});
