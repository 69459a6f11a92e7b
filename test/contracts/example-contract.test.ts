import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Parser } from '@asyncapi/parser';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import ts from 'typescript';
import { createAsyncApiDocument, generateClient, type AsyncApiDocument } from '../../src/contracts/index.js';
import { HTTP_OPTIONS } from '../../src/http/index.js';
import { startNatsServer, Test, type NatsServerHandle, type TestingApp } from '../../src/testing/index.js';
import type { DynamicModule, Type } from '../../src/index.js';
import { REPO, requireBuiltExample, runCli } from '../cli/support/run-cli.js';

const example = (file: string) => import(pathToFileURL(join(REPO, 'example-service', 'dist', file)).href) as Promise<Record<string, unknown>>;

/** The example service on a private nats-server, as its own integration test starts it. */
async function startExample(servers: string): Promise<TestingApp> {
  requireBuiltExample();
  const { AppModule } = await example('src/app.module.js');
  const { SERVICE_CONFIG } = await example('src/config/service-config.js');
  const { testConfig } = await example('test/support/test-config.js');
  return Test.createTestingModule({ imports: [AppModule as Type | DynamicModule] })
    .useTransport({ servers })
    .withOptions({ name: 'orders' })
    .overrideProvider(HTTP_OPTIONS).useValue({ port: 0, host: '127.0.0.1' })
    .overrideProvider(SERVICE_CONFIG as symbol).useValue((testConfig as (o: object) => unknown)({ pendingTimeoutMs: 60_000 }))
    .compile();
}

/** Compiles the generated module and a caller beside it; returns the diagnostics as text. */
function compile(dir: string, files: string[]): string[] {
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true, skipLibCheck: true, outDir: dir, rootDir: dir, types: ['node'],
  };
  const program = ts.createProgram(files.map((f) => join(dir, f)), options);
  const emitted = program.emit();
  return [...ts.getPreEmitDiagnostics(program), ...emitted.diagnostics].map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

const CALLER = `import { connect } from '@nats-io/transport-node';
import { createClient, ServiceErrorReply } from './orders-client.js';

export async function run(url: string) {
  const nc = await connect({ servers: url });
  try {
    const client = createClient(nc, { timeout: 5000 });
    const created = await client.ordersControllerCreate({ customer: { name: 'Ada', email: 'ada@example.com' }, lines: [{ sku: 'apple', quantity: 1 }] });
    const id = (created as { id: string }).id;
    const read = await client.ordersControllerGet({ id });
    const missing = await client.ordersControllerGet({ id: 'ord-missing' }).then(() => undefined, (e: unknown) => e instanceof ServiceErrorReply ? e.code : e);
    const invalid = await client.ordersControllerCreate({ customer: { name: '', email: 'x' }, lines: [] }).then(() => undefined, (e: unknown) => e instanceof ServiceErrorReply ? e.code : e);
    return { id, read, missing, invalid };
  } finally {
    await nc.close();
  }
}

/** Never called: each marked line must not compile. */
export function wrong(client: ReturnType<typeof createClient>) {
  // @ts-expect-error the {id} token is required
  void client.ordersControllerGet({});
  // @ts-expect-error lines are OrderLineDto objects
  void client.ordersControllerCreate({ customer: { name: 'Ada', email: 'ada@example.com' }, lines: ['apple'] });
  // @ts-expect-error no such operation
  void client.ordersControllerDelete({ id: '1' });
}
`;

describe('the contract of the example service', () => {
  let nats: NatsServerHandle;
  let app: TestingApp;
  let doc: AsyncApiDocument;
  let dir: string;

  before(async () => {
    nats = await startNatsServer();
    app = await startExample(nats.url);
    doc = await createAsyncApiDocument(app.app);
    // under the repository, so the generated module finds @nats-io/transport-node
    dir = mkdtempSync(join(REPO, 'dist', 'generated-client-'));
  });
  after(async () => {
    await app?.close();
    await nats?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  describe('when the official parser reads its document', () => {
    it('should find no error and no warning', async () => {
      const { diagnostics } = await new Parser().parse(JSON.stringify(doc));
      assert.deepEqual(diagnostics.filter((d) => d.severity <= 1).map((d) => `${d.code} ${d.path.join('/')}: ${d.message}`), []);
    });

    it('should receive on every subject the app handles, and send what OrdersService declares', () => {
      const receives = Object.values(doc.operations).filter((o) => o.action === 'receive').map((o) => doc.channels[o.channel.$ref.split('/').pop()!]!.address);
      assert.deepEqual(receives, app.app.handlers.map((h) => h.pattern));
      const sends = Object.values(doc.operations).filter((o) => o.action === 'send').map((o) => doc.channels[o.channel.$ref.split('/').pop()!]!.address).sort();
      assert.deepEqual(sends, ['events.orders.{id}.{change}', 'inventory.reserve']);
    });

    it('should show that inventory answers a reservation on orders.reservations', () => {
      const send = Object.values(doc.operations).find((o) => o.action === 'send' && o.channel.$ref === '#/channels/inventory_reserve')!;
      assert.equal(doc.channels[send.reply!.channel.$ref.split('/').pop()!]!.address, 'orders.reservations');
    });
  });

  describe('when a client is generated from the document', () => {
    it('should compile, reject wrong calls, and call the running service', async () => {
      writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
      writeFileSync(join(dir, 'orders-client.ts'), generateClient(doc));
      writeFileSync(join(dir, 'caller.ts'), CALLER);
      assert.deepEqual(compile(dir, ['orders-client.ts', 'caller.ts']), []);
      const { run } = (await import(pathToFileURL(join(dir, 'caller.js')).href)) as { run(url: string): Promise<{ id: string; read: { id: string; status: string }; missing: unknown; invalid: unknown }> };
      const result = await run(nats.url);
      assert.equal(result.read.id, result.id);
      assert.equal(result.missing, 404);
      assert.equal(result.invalid, 400);
    });

    it('should refuse a token value that would change the subject', async () => {
      const { createClient } = (await import(pathToFileURL(join(dir, 'orders-client.js')).href)) as { createClient(nc: NatsConnection): { ordersControllerGet(p: { id: string }): Promise<unknown> } };
      const nc = await connect({ servers: nats.url });
      try {
        assert.throws(() => createClient(nc).ordersControllerGet({ id: 'a.>' }), { name: 'TypeError', message: /\{id\} token needs one subject token/ });
      } finally {
        await nc.close();
      }
    });
  });
});

describe('panini asyncapi', () => {
  let dir: string;
  before(() => {
    requireBuiltExample();
    dir = mkdtempSync(join(REPO, 'dist', 'asyncapi-check-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('should write the document and pass --check against it while the code is unchanged', async () => {
    const file = join(dir, 'asyncapi.json');
    const written = await runCli(['asyncapi', '--no-build', '--name', 'orders', '--out', file]);
    assert.equal(written.code, 0, written.stderr);
    const doc = JSON.parse(readFileSync(file, 'utf8')) as AsyncApiDocument;
    assert.equal(doc.info.title, 'orders');
    const checked = await runCli(['asyncapi', '--no-build', '--name', 'orders', '--check', file]);
    assert.equal(checked.code, 0, checked.stderr);
    assert.match(checked.stdout, /matches the code/);
  });

  it('should fail --check with a readable diff when a DTO differs from the committed document', async () => {
    const file = join(dir, 'committed.json');
    assert.equal((await runCli(['asyncapi', '--no-build', '--name', 'orders', '--out', file])).code, 0);
    // the committed document predates the note field and had a shorter name limit
    const committed = JSON.parse(readFileSync(file, 'utf8')) as { components: { schemas: Record<string, { properties: Record<string, { maxLength?: number }> }> } };
    delete committed.components.schemas['CreateOrderDto']!.properties['note'];
    committed.components.schemas['CustomerDto']!.properties['name']!.maxLength = 50;
    writeFileSync(file, JSON.stringify(committed));
    const checked = await runCli(['asyncapi', '--no-build', '--name', 'orders', '--check', file]);
    assert.equal(checked.code, 1);
    assert.match(checked.stderr, /differs from the code's contract \(2 change\(s\)/);
    assert.match(checked.stderr, /^\+ components\/schemas\/CreateOrderDto\/properties\/note: /m);
    assert.match(checked.stderr, /^~ components\/schemas\/CustomerDto\/properties\/name\/maxLength: 50 -> 100$/m);
  });

  it('should print YAML with --format yaml', async () => {
    const res = await runCli(['asyncapi', '--no-build', '--name', 'orders', '--format', 'yaml']);
    assert.equal(res.code, 0, res.stderr);
    assert.match(res.stdout, /^asyncapi: "3\.0\.0"$/m);
    const { diagnostics } = await new Parser().parse(res.stdout);
    assert.deepEqual(diagnostics.filter((d) => d.severity === 0), []);
  });
});
