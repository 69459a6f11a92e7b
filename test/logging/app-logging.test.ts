import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Controller, getLogger, LoggingError, Injectable, InjectLogger, Logger, Module, PaniniFactory, Payload, Subject, type OnApplicationShutdown, type PaniniApplication, type PaniniOptions } from '../../src/index.js';
import { MemoryTransport } from '../../src/testing/index.js';
import { readLines, removeDir, tempDir } from './support.js';

@Injectable()
class PaymentsService {
  constructor(@InjectLogger('payments') private readonly log: Logger) {}
  async charge(amount: number): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    this.log.info('charged', { amount });
  }
}

@Controller('orders')
class OrdersController implements OnApplicationShutdown {
  constructor(private readonly payments: PaymentsService, private readonly log: Logger) {}

  @Subject('create')
  async create(@Payload() body: { amount: number }): Promise<{ ok: boolean }> {
    this.log.info('creating order');
    await this.payments.charge(body.amount);
    return { ok: true };
  }

  @Subject('fail')
  fail(): never {
    throw new Error('handler broke', { cause: new Error('db down') });
  }

  onApplicationShutdown(): void {
    this.log.info('last words');
  }
}

@Module({ controllers: [OrdersController], providers: [PaymentsService] })
class OrdersModule {}

const dirs: string[] = [];
async function startApp(extra: PaniniOptions['logging'] = {}, options: PaniniOptions = {}): Promise<{ app: PaniniApplication; root: string }> {
  const root = tempDir();
  dirs.push(root);
  const app = await PaniniFactory.create(OrdersModule, { name: 'shop', transport: new MemoryTransport(), handleSignals: false, logging: { root, dir: 'logs', console: false, ...(extra as object) }, ...options });
  await app.start();
  return { app, root };
}
const lines = (root: string, file = 'app.log'): Array<Record<string, unknown>> => readLines(join(root, 'logs', file));

describe('logging in an app', () => {
  after(() => dirs.forEach(removeDir));

  describe('when a controller and a provider log while a message is handled', () => {
    it('should name each after its class or @InjectLogger name and carry subject, request id and service', async () => {
      const { app, root } = await startApp();
      await app.client.request('orders.create', { amount: 5 }, { headers: { 'X-Request-Id': 'req-42' } });
      await app.client.request('orders.create', { amount: 6 });
      await app.close();
      const handled = lines(root).filter((l) => l['subject'] === 'orders.create');
      assert.deepEqual(handled.map((l) => [l['message'], l['context'], l['service'], l['subject']]), [
        ['creating order', 'OrdersController', 'shop', 'orders.create'],
        ['charged', 'payments', 'shop', 'orders.create'],
        ['creating order', 'OrdersController', 'shop', 'orders.create'],
        ['charged', 'payments', 'shop', 'orders.create'],
      ]);
      assert.equal(handled[0]!['requestId'], 'req-42');
      assert.equal(handled[1]!['requestId'], 'req-42');
      assert.match(String(handled[2]!['requestId']), /^[0-9a-f-]{36}$/);
      assert.equal(handled[3]!['requestId'], handled[2]!['requestId']);
    });
  });

  describe('when a handler fails', () => {
    it('should log the error with its cause chain to errors.log, in the message scope', async () => {
      const { app, root } = await startApp();
      await assert.rejects(app.client.request('orders.fail', {}));
      await app.close();
      const [line] = lines(root, 'errors.log');
      assert.ok(line);
      assert.equal(line['subject'], 'orders.fail');
      assert.equal(((line['error'] as { cause: { message: string } }).cause).message, 'db down');
    });
  });

  describe('when the app closes', () => {
    it('should write lines logged during shutdown, with the worker too', async () => {
      const { app, root } = await startApp({ worker: true });
      await app.client.request('orders.create', { amount: 1 });
      await app.close();
      assert.equal(lines(root).at(-1)!['message'], 'last words');
      assert.ok(lines(root).some((l) => l['message'] === 'charged'));
    });
  });

  describe('when the connection options hold secrets', () => {
    it('should log them masked', async () => {
      const { app, root } = await startApp({ level: 'debug' }, { user: 'svc', pass: 'hunter2', token: 'tok-secret', servers: 'nats://svc:hunter2@nats:4222' });
      await app.close();
      const connecting = lines(root).find((l) => l['message'] === 'connecting');
      assert.ok(connecting, 'the connecting line');
      const text = JSON.stringify(lines(root));
      assert.ok(!text.includes('hunter2') && !text.includes('tok-secret'));
    });
  });

  describe('when config/logging.json is at the app root', () => {
    function rootWith(config: string): string {
      const root = tempDir();
      dirs.push(root);
      mkdirSync(join(root, 'config'));
      writeFileSync(join(root, 'config', 'logging.json'), config);
      return root;
    }
    it('should apply it', async () => {
      const root = rootWith(JSON.stringify({ dir: 'var/log', console: false, level: 'debug' }));
      const app = await PaniniFactory.create(OrdersModule, { name: 'shop', transport: new MemoryTransport(), handleSignals: false, logging: { root } });
      await app.start();
      await app.close();
      const debug = readLines(join(root, 'var', 'log', 'app.log')).filter((l) => l['level'] === 'debug');
      assert.ok(debug.length > 0, 'debug lines in var/log/app.log');
    });
    it('should fail start-up naming the file and the problem when it is invalid', async () => {
      const root = rootWith('{ "level": "chatty" }');
      await assert.rejects(PaniniFactory.create(OrdersModule, { name: 'shop', transport: new MemoryTransport(), handleSignals: false, logging: { root } }), (e: unknown) => {
        assert.ok(e instanceof LoggingError);
        assert.equal(e.message, `invalid logging config file ${join(root, 'config', 'logging.json')}: 'level' must be one of error, warn, info, http, verbose, debug, silly; got 'chatty'. Fix the file or remove it to use the defaults.`);
        return true;
      });
    });
  });

  describe('when getLogger is used before the app exists', () => {
    it('should keep the lines and write them once the app logger is configured', async () => {
      const early = getLogger('boot');
      early.info('logged before create', { step: 1 });
      const { app, root } = await startApp();
      early.info('logged after create');
      await app.close();
      const boot = lines(root).filter((l) => l['context'] === 'boot');
      assert.deepEqual(boot.map((l) => [l['message'], l['service']]), [['logged before create', 'shop'], ['logged after create', 'shop']]);
      assert.equal(boot[0]!['step'], 1);
    });
  });
});
