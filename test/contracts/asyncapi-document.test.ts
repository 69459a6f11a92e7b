import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Parser } from '@asyncapi/parser';
import fc from 'fast-check';
import { parse as parseYaml } from 'yaml';
import { PaniniFactory, type PaniniApplication } from '../../src/index.js';
import { createAsyncApiDocument, toYaml, type AsyncApiDocument } from '../../src/contracts/index.js';
import { ShopModule } from './fixtures/shop.fixture.js';

type Obj = Record<string, unknown>;

/** Follows a local `$ref` inside the document, and the `$ref` it lands on (channel messages point at components). */
function resolveRef(doc: unknown, ref: string): unknown {
  const node = ref.slice(2).split('/').reduce<unknown>((at, k) => (at as Obj | undefined)?.[k.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
  const next = (node as Obj | undefined)?.['$ref'];
  return typeof next === 'string' ? resolveRef(doc, next) : node;
}

function refsIn(node: unknown, out: string[] = []): string[] {
  if (typeof node !== 'object' || node === null) return out;
  for (const [k, v] of Object.entries(node)) {
    if (k === '$ref' && typeof v === 'string') out.push(v);
    else refsIn(v, out);
  }
  return out;
}

describe('createAsyncApiDocument', () => {
  let app: PaniniApplication;
  let doc: AsyncApiDocument;
  const schemas = () => doc.components.schemas as Record<string, { properties: Record<string, Obj>; required?: string[] }>;
  const payloadOf = (messageRef: { $ref: string }) => (resolveRef(doc, messageRef.$ref) as Obj)['payload'];

  before(async () => {
    app = await PaniniFactory.create(ShopModule, {
      name: 'shop',
      servers: ['nats://alice:s3cret@10.0.0.1:4222', 'tls://nats.example.com:4443'],
      logging: { silent: true },
      handleSignals: false,
      micro: { version: '1.2.3', description: 'Sells things.' },
    });
    doc = await createAsyncApiDocument(app);
  });
  after(() => app.close());

  describe('when the official parser reads it', () => {
    it('should find no error and no warning, as JSON and as YAML', async () => {
      for (const text of [JSON.stringify(doc), toYaml(doc)]) {
        const { diagnostics } = await new Parser().parse(text);
        assert.deepEqual(diagnostics.filter((d) => d.severity <= 1).map((d) => `${d.code} ${d.path.join('/')}: ${d.message}`), []);
      }
    });

    it('should resolve every $ref inside the document', () => {
      const missing = refsIn(doc).filter((r) => resolveRef(doc, r) === undefined);
      assert.deepEqual(missing, []);
    });
  });

  describe('when the app has servers with credentials', () => {
    it('should list the servers and leave the credentials out', () => {
      assert.deepEqual(doc.servers, { nats: { host: '10.0.0.1:4222', protocol: 'nats' }, 'nats-2': { host: 'nats.example.com:4443', protocol: 'nats', description: 'TLS' } });
      assert.doesNotMatch(JSON.stringify(doc), /alice|s3cret/);
    });

    it('should take info from the service name and the micro options', () => {
      assert.deepEqual(doc.info, { title: 'shop', version: '1.2.3', description: 'Sells things.' });
    });
  });

  describe('when a handler has named tokens or wildcards', () => {
    it('should make each named token a channel parameter', () => {
      assert.equal(doc.channels['shop_orders_id_get']!.address, 'shop.orders.{id}.get');
      assert.deepEqual(Object.keys(doc.channels['shop_orders_id_lines_line']!.parameters ?? {}), ['id', 'line']);
    });

    it('should keep wildcards in the address and describe them', () => {
      const audit = doc.channels['shop_audit_rest']!;
      assert.equal(audit.address, 'shop.audit.>');
      assert.match(audit.description ?? '', /`>` one or more trailing tokens/);
    });
  });

  describe('when a handler answers requests', () => {
    it('should receive the DTO, with the declared header, docs and examples', () => {
      const op = doc.operations['ShopController_place']!;
      assert.equal(op.action, 'receive');
      assert.equal(op.channel.$ref, '#/channels/shop_orders_place');
      assert.equal(op.summary, 'Place an order');
      assert.equal(op.description, 'The shop of the contract tests.');
      assert.deepEqual(op.tags, [{ name: 'shop' }, { name: 'orders' }]);
      const request = resolveRef(doc, op.messages[0]!.$ref) as Obj;
      assert.deepEqual(request['payload'], { $ref: '#/components/schemas/PlaceOrderDto' });
      assert.deepEqual(request['headers'], { type: 'object', properties: { 'x-tenant': { type: 'string' } } });
      assert.deepEqual(request['examples'], [{ payload: { email: 'ada@example.com' } }]);
    });

    it('should reply on the requester inbox with the declared class or the error reply', () => {
      const reply = doc.operations['ShopController_place']!.reply!;
      assert.equal((resolveRef(doc, reply.channel.$ref) as Obj)['address'], null);
      assert.deepEqual(payloadOf(reply.messages[0]!), { $ref: '#/components/schemas/OrderView' });
      const error = resolveRef(doc, reply.messages[1]!.$ref) as Obj;
      assert.deepEqual((error['headers'] as Obj)['required'], ['Nats-Service-Error', 'Nats-Service-Error-Code']);
      assert.match(String(error['description']), /400: the payload did not decode or failed DTO validation/);
    });

    it('should put the queue group in the NATS operation binding', () => {
      assert.deepEqual(doc.operations['ShopController_place']!.bindings, { nats: { queue: 'shop', bindingVersion: '0.1.0' } });
      assert.deepEqual(doc.operations['ShopController_reservation']!.bindings, { nats: { queue: 'shop-reservations', bindingVersion: '0.1.0' } });
    });
  });

  describe('when a handler is observe-only without a queue group', () => {
    it('should have no reply and no queue binding', () => {
      const op = doc.operations['ShopController_audit']!;
      assert.equal(op.reply, undefined);
      assert.equal(op.bindings, undefined);
    });
  });

  describe('when the controller declares what it publishes', () => {
    it('should send the event on its channel, with the token as a parameter', () => {
      const op = Object.values(doc.operations).find((o) => o.channel.$ref === '#/channels/shop_orders_id_placed')!;
      assert.equal(op.action, 'send');
      assert.equal(op.summary, 'An order was placed');
      assert.deepEqual(Object.keys(doc.channels['shop_orders_id_placed']!.parameters ?? {}), ['id']);
      assert.deepEqual(payloadOf(op.messages[0]!), { $ref: '#/components/schemas/OrderView' });
    });

    it('should send a request whose answer arrives on the declared replyTo subject', () => {
      const op = Object.values(doc.operations).find((o) => o.channel.$ref === '#/channels/stock_reserve')!;
      assert.equal(op.action, 'send');
      assert.equal(op.reply!.channel.$ref, '#/channels/shop_reservations');
      assert.deepEqual(payloadOf(op.reply!.messages[0]!), { $ref: '#/components/schemas/ReservationDto' });
      // the same channel the reservation handler receives on
      assert.equal(doc.operations['ShopController_reservation']!.channel.$ref, '#/channels/shop_reservations');
    });
  });

  describe('when a DTO nests arrays, enums, optional fields and formats', () => {
    it('should require exactly the fields class-validator requires', () => {
      assert.deepEqual(schemas()['PlaceOrderDto']!.required, ['email', 'requestId', 'priority', 'items']);
    });

    it('should give formats, enums, nested arrays and lengths', () => {
      const p = schemas()['PlaceOrderDto']!.properties;
      assert.deepEqual(p['email'], { type: 'string', format: 'email' });
      assert.equal(p['requestId']!['format'], 'uuid');
      assert.match('0b7f2c1e-7d4a-4c3b-9f1e-2a3b4c5d6e7f', new RegExp(String(p['requestId']!['pattern'])));
      assert.doesNotMatch('0b7f2c1e-7d4a-1c3b-9f1e-2a3b4c5d6e7f', new RegExp(String(p['requestId']!['pattern'])), 'a version 1 UUID is no version 4 UUID');
      assert.deepEqual(p['priority'], { type: 'string', enum: ['low', 'high'] });
      assert.deepEqual(p['items'], { type: 'array', items: { $ref: '#/components/schemas/ItemDto' }, minItems: 1, maxItems: 10 });
      assert.deepEqual(schemas()['ItemDto']!.properties['qty'], { type: 'integer', minimum: 1, maximum: 99 });
      assert.deepEqual(schemas()['AddressDto']!.properties['zip'], { type: 'string', pattern: '^[0-9]{5}$' });
    });

    it('should accept null as well as absence for optional fields, as class-validator does', () => {
      const p = schemas()['PlaceOrderDto']!.properties;
      assert.deepEqual(p['address'], { anyOf: [{ $ref: '#/components/schemas/AddressDto' }, { type: 'null' }] });
      assert.deepEqual(p['homepage'], { anyOf: [{ type: 'string', format: 'uri' }, { type: 'null' }] });
    });

    it('should list a numeric enum by names and numbers, without claiming they are strings', () => {
      const level = schemas()['PlaceOrderDto']!.properties['level'] as { anyOf: Obj[] };
      assert.deepEqual(level.anyOf[0], { enum: ['Bronze', 'Gold', 1, 2] });
    });
  });

  describe('when the same app is described twice', () => {
    it('should give the same document', async () => {
      assert.deepEqual(await createAsyncApiDocument(app), doc);
    });
  });
});

describe('toYaml', () => {
  it('should write YAML that reads back as the same JSON value', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => {
      const json = JSON.parse(JSON.stringify(value)) as unknown;
      assert.deepEqual(parseYaml(toYaml(json)), json);
    }), { numRuns: 300 });
  });
});
