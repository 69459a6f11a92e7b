import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Parser } from '@asyncapi/parser';
import { Controller, Module, Param, Payload, PaniniFactory, Subject, type PaniniApplication } from '../../src/index.js';
import { createAsyncApiDocument, type AsyncApiDocument } from '../../src/contracts/index.js';
import { Consume, JetStreamModule } from '../../src/jetstream/index.js';

@Controller()
class StockController {
  @Consume('ORDERS', { durable: 'inventory', filterSubject: 'orders.{id}.created', maxDeliver: 3, backoff: [1000, 5000] })
  reserve(@Param('id') id: string, @Payload() order: { lines: unknown[] }) { return [id, order]; }

  @Consume('ORDERS', { ordered: true, filterSubject: 'orders.>' })
  replay(@Payload() order: unknown) { return order; }

  @Subject('stock.get')
  get() { return {}; }
}

@Module({ imports: [JetStreamModule.forRoot({ streams: [{ name: 'ORDERS', subjects: ['orders.>'] }] })], controllers: [StockController] })
class StockModule {}

describe('createAsyncApiDocument with JetStream consumers', () => {
  let app: PaniniApplication;
  let doc: AsyncApiDocument;
  const operation = (handler: string) => Object.values(doc.operations).find((op) => op['x-panini-handler'] === handler)!;

  before(async () => {
    app = await PaniniFactory.create(StockModule, { name: 'stock', logging: { silent: true }, handleSignals: false });
    doc = await createAsyncApiDocument(app);
  });
  after(() => app.close());

  it('should describe each @Consume operation with its stream and consumer as x-panini-jetstream', () => {
    const reserve = operation('StockController.reserve');
    assert.equal(reserve['x-panini-source'], 'jetstream');
    assert.deepEqual(reserve['x-panini-jetstream'], { stream: 'ORDERS', durable: 'inventory', filterSubject: 'orders.{id}.created', maxDeliver: 3, backoff: [1000, 5000] });
    assert.deepEqual(operation('StockController.replay')['x-panini-jetstream'], { stream: 'ORDERS', ordered: true, filterSubject: 'orders.>' });
  });

  it('should leave core @Subject operations without JetStream details', () => {
    const get = operation('StockController.get');
    assert.equal(get['x-panini-source'], undefined);
    assert.equal(get['x-panini-jetstream'], undefined);
  });

  it('should still be a document the official parser reads without errors', async () => {
    const { diagnostics } = await new Parser().parse(JSON.stringify(doc));
    assert.deepEqual(diagnostics.filter((d) => d.severity === 0).map((d) => `${d.code} ${d.path.join('/')}: ${d.message}`), []);
  });
});
