import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Parser } from '@asyncapi/parser';
import { Controller, Module, Param, Payload, PaniniFactory, type PaniniApplication } from '../../src/index.js';
import { createAsyncApiDocument, type AsyncApiDocument } from '../../src/contracts/index.js';
import { JetStreamModule, KvWatch, ObjectWatch, type ObjectMeta } from '../../src/jetstream/index.js';

// a controller prefix applies to neither the store's metadata subjects nor a bucket's keys
@Controller('billing')
class InvoiceIndexer {
  @ObjectWatch('invoices', { operations: ['put'], initial: true })
  index(@Payload() meta: ObjectMeta) { return meta.name; }

  @ObjectWatch('invoices')
  audit(@Payload() meta: ObjectMeta) { return meta.name; }

  @KvWatch('rates', 'eur.{currency}')
  rate(@Param('currency') currency: string) { return currency; }
}

@Module({ imports: [JetStreamModule.forRoot({ streams: [], objectStores: [{ name: 'invoices' }], buckets: [{ name: 'rates' }] })], controllers: [InvoiceIndexer] })
class InvoicesModule {}

describe('createAsyncApiDocument with object store watches', () => {
  let app: PaniniApplication;
  let doc: AsyncApiDocument;
  const operation = (handler: string) => Object.values(doc.operations).find((op) => op['x-panini-handler'] === handler)!;

  before(async () => {
    app = await PaniniFactory.create(InvoicesModule, { name: 'invoices', logging: { silent: true }, handleSignals: false });
    doc = await createAsyncApiDocument(app);
  });
  after(() => app.close());

  it('should describe each @ObjectWatch as a receive on the store\'s metadata subjects, with the store and operations as x-panini-object-watch', () => {
    const index = operation('InvoiceIndexer.index');
    assert.equal(index.action, 'receive');
    assert.equal(index['x-panini-source'], 'object-watch');
    assert.deepEqual(index['x-panini-object-watch'], { store: 'invoices', operations: ['put'], initial: true, concurrency: 1 });
    assert.deepEqual(operation('InvoiceIndexer.audit')['x-panini-object-watch'], { store: 'invoices', operations: ['put', 'delete'], initial: false, concurrency: 1 });
    const channel = doc.channels[index.channel.$ref.split('/').pop()!]!;
    assert.equal(channel.address, '$O.invoices.M.>');
    assert.equal(index.reply, undefined, 'a watch answers nothing');
    const rate = operation('InvoiceIndexer.rate');
    assert.equal(doc.channels[rate.channel.$ref.split('/').pop()!]!.address, 'eur.{currency}');
  });

  it('should still be a document the official parser reads without errors', async () => {
    const { diagnostics } = await new Parser().parse(JSON.stringify(doc));
    assert.deepEqual(diagnostics.filter((d) => d.severity === 0).map((d) => `${d.code} ${d.path.join('/')}: ${d.message}`), []);
  });
});
