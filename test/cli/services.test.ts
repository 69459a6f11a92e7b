import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { IsString } from 'class-validator';
import { Controller, Module, NatsClient, PaniniFactory, Payload, Subject, type PaniniApplication } from '../../src/index.js';
import { startNatsServer, type NatsServerHandle } from '../../src/testing/nats-server.js';
import { runCli } from './support/run-cli.js';

class GreetDto { @IsString() name!: string }

@Controller('greeter')
class GreeterController {
  @Subject('hello') hello(@Payload() dto: GreetDto) { return `hello ${dto.name}`; }
}
@Module({ controllers: [GreeterController] })
class GreeterModule {}

describe('panini services', () => {
  let nats: NatsServerHandle;
  const apps: PaniniApplication[] = [];
  const s = (): string[] => ['--server', nats.url, '--wait', '500'];

  before(async () => {
    nats = await startNatsServer();
    for (let i = 0; i < 2; i++) {
      const app = await PaniniFactory.create(GreeterModule, { name: 'greeter', servers: nats.url, logging: { silent: true }, handleSignals: false, micro: { version: '2.0.1', description: 'says hello' } });
      await app.start();
      apps.push(app);
    }
    const client = apps[0]!.get(NatsClient);
    await client.request('greeter.hello', { name: 'Ada' });
    await assert.rejects(client.request('greeter.hello', { name: 7 }), { code: 400 });
  });
  after(async () => {
    for (const app of apps) await app.close();
    await nats?.dispose();
  });

  describe('ls', () => {
    it('should list the service with its version and both instances', async () => {
      const res = await runCli(['services', 'ls', ...s()]);
      assert.equal(res.code, 0, res.stderr);
      assert.match(res.stdout, /^NAME\s+VERSIONS\s+INSTANCES\n/);
      assert.match(res.stdout, /\ngreeter\s+2\.0\.1\s+2\n/);
    });
  });

  describe('ping', () => {
    it('should print every instance of the named service, and JSON with --json', async () => {
      const res = await runCli(['services', 'ping', 'greeter', ...s(), '--json']);
      assert.equal(res.code, 0, res.stderr);
      const answers = JSON.parse(res.stdout) as Array<{ type: string; name: string; id: string }>;
      assert.equal(answers.length, 2);
      assert.ok(answers.every((a) => a.type === 'io.nats.micro.v1.ping_response' && a.name === 'greeter'));
      const text = await runCli(['services', 'ping', ...s()]);
      for (const a of answers) assert.match(text.stdout, new RegExp(`greeter\\s+${a.id}\\s+2\\.0\\.1\\s+[\\d.]+ ms`));
    });
  });

  describe('info', () => {
    it('should print the endpoints with subject, queue group and schemas', async () => {
      const res = await runCli(['services', 'info', 'greeter', ...s()]);
      assert.equal(res.code, 0, res.stderr);
      assert.match(res.stdout, /greeter 2\.0\.1 \(\w+\): says hello/);
      assert.match(res.stdout, /greeter-hello\s+greeter\.hello\s+greeter\s+request/);
    });
  });

  describe('stats', () => {
    it('should print the counts of each instance, summing to what was sent', async () => {
      const res = await runCli(['services', 'stats', 'greeter', ...s(), '--json']);
      assert.equal(res.code, 0, res.stderr);
      const answers = JSON.parse(res.stdout) as Array<{ endpoints: Array<{ num_requests: number; num_errors: number }> }>;
      const sum = (k: 'num_requests' | 'num_errors') => answers.flatMap((a) => a.endpoints).reduce((n, e) => n + e[k], 0);
      assert.deepEqual([sum('num_requests'), sum('num_errors')], [2, 1]);
      const text = await runCli(['services', 'stats', 'greeter', ...s()]);
      assert.match(text.stdout, /^ID\s+ENDPOINT\s+REQUESTS\s+ERRORS\s+AVERAGE TIME\s+LAST ERROR\n/);
      assert.equal(text.stdout.match(/greeter-hello\s+\d+\s+\d+\s+[\d.]+ ms/g)?.length, 2, text.stdout);
      assert.match(text.stdout, /greeter-hello\s+\d+\s+1\s+[\d.]+ ms\s+400:/);
    });
  });

  describe('when no instance of the named service answers', () => {
    it('should exit 1 saying so', async () => {
      const res = await runCli(['services', 'stats', 'nobody', ...s()]);
      assert.equal(res.code, 1);
      assert.match(res.stderr, /no instance of 'nobody' answered \$SRV\.STATS\.nobody/);
    });
  });

  describe('when the server cannot be reached', () => {
    it('should exit 1 with a connection error', async () => {
      const res = await runCli(['services', 'ls', '--server', 'nats://127.0.0.1:1', '--wait', '200']);
      assert.equal(res.code, 1);
      assert.match(res.stderr, /Is the NATS server running\?/);
    });
  });
});
