import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { Module, PaniniFactory, RemoteError, type NatsClient, type PaniniApplication } from '../../src/index.js';
import { ContractClient } from '../../src/contracts/index.js';
import { startNatsServer, Test, waitUntil, type NatsServerHandle, type TestingApp } from '../../src/testing/index.js';
import { REPO } from '../cli/support/run-cli.js';
import { ShopController, ShopModule } from './fixtures/shop.fixture.js';
import { correctCaller } from './fixtures/typed-caller.fixture.js';

@Module({})
class CallerModule {}

const FIXTURE = join(REPO, 'test', 'contracts', 'fixtures', 'typed-caller.fixture.ts');
const MARKER = '// @ts-expect-error';

/** Type-checks the fixture, its source replaced by `text`; returns the 1-based lines with errors. */
function errorLines(text: string): number[] {
  const config = ts.getParsedCommandLineOfConfigFile(join(REPO, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined })!;
  const host = ts.createCompilerHost(config.options);
  const read = host.readFile.bind(host);
  host.readFile = (file) => (file === FIXTURE ? text : read(file));
  const program = ts.createProgram({ rootNames: [FIXTURE], options: { ...config.options, noEmit: true }, host });
  return ts.getPreEmitDiagnostics(program)
    .filter((d) => d.file?.fileName === FIXTURE && d.start !== undefined)
    .map((d) => d.file!.getLineAndCharacterOfPosition(d.start!).line + 1);
}

/** Runs the same calls over any transport. */
function behavesAsTyped(client: () => NatsClient, settled: (subject: string) => Promise<void>): void {
  it('should send to the subject of the method, fill its tokens and resolve with the reply', async () => {
    const result = await correctCaller(client());
    assert.match(result.id, /^acme-\d+$/);
    assert.equal(result.placedAt, new Date(0).toISOString());
    assert.equal(result.line, 2);
    assert.equal(result.subject, `shop.orders.${result.id}.lines.2`);
    await settled('shop.reservations');
  });

  it('should reject with the remote error code the handler answered', async () => {
    await assert.rejects(new ContractClient(client()).for(ShopController).get('nope'), (err: unknown) => RemoteError.is(err) && err.code === 404);
  });

  it('should reject with the validation error for a payload that breaks a rule at run time', async () => {
    const shop = new ContractClient(client()).for(ShopController);
    await assert.rejects(shop.place({ email: 'not-an-email' } as never, 'acme'), (err: unknown) => RemoteError.is(err) && err.code === 400);
  });

  it('should refuse before sending a token value that is not one subject token', async () => {
    const shop = new ContractClient(client()).for(ShopController);
    await assert.rejects(shop.get('a.b'), { name: 'TypeError', message: /\{id\} token of 'shop\.orders\.\{id\}\.get' needs one subject token/ });
  });

  it('should refuse a handler whose subject has a wildcard it cannot fill', () => {
    assert.throws(() => new ContractClient(client()).emit(ShopController).audit({}), { name: 'TypeError', message: /wildcard the client cannot fill/ });
  });
}

describe('ContractClient', () => {
  describe('when a caller is type-checked', () => {
    const source = readFileSync(FIXTURE, 'utf8');
    const marked = source.split('\n').flatMap((line, i) => (line.trim().startsWith(MARKER) ? [i + 2] : []));

    it('should compile the correct caller and use every expected error', () => {
      assert.deepEqual(errorLines(source), []);
    });

    it('should fail to compile each wrong call: wrong method, payload, token, header, reply', () => {
      assert.equal(marked.length, 10);
      const withoutMarkers = source.split('\n').map((line) => (line.trim().startsWith(MARKER) ? '' : line)).join('\n');
      assert.deepEqual([...new Set(errorLines(withoutMarkers))].sort((a, b) => a - b), marked);
    });
  });

  describe('when it calls the service over the memory transport', () => {
    let app: TestingApp;
    before(async () => { app = await Test.createTestingModule({ imports: [ShopModule] }).compile(); });
    after(() => app.close());
    behavesAsTyped(() => app.client, async (subject) => {
      await app.traffic.waitFor(subject, { timeout: 5000 });
    });
  });

  describe('when it calls the service over NATS', () => {
    let nats: NatsServerHandle;
    let service: PaniniApplication;
    let caller: PaniniApplication;
    const seen: string[] = [];
    before(async () => {
      nats = await startNatsServer();
      service = await PaniniFactory.create(ShopModule, { name: 'shop', servers: nats.url, logging: { silent: true }, handleSignals: false });
      service.onPipelineEvent((e) => { if (e.type === 'handled') seen.push(e.ctx.subject); });
      await service.start();
      caller = await PaniniFactory.create(CallerModule, { name: 'caller', servers: nats.url, logging: { silent: true }, handleSignals: false, micro: false });
      await caller.start();
    });
    after(async () => {
      await caller?.close();
      await service?.close();
      await nats?.dispose();
    });
    behavesAsTyped(() => caller.client, async (subject) => {
      await waitUntil(() => seen.includes(subject) || undefined, { timeout: 5000, what: `the event on ${subject} to be handled` });
    });
  });
});
