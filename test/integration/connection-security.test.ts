import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  Controller, Module, NatsTransport, PaniniFactory, PermissionDeniedError, Subject, type PaniniApplication,
} from '../../src/index.js';
import { startNatsServer, type NatsServerHandle } from '../../src/testing/nats-server.js';
import { RecordingLogger } from '../support/recording-logger.js';
import { waitFor } from '../support/wait-for.js';

const dir = mkdtempSync(join(tmpdir(), 'panini-sec-'));
const servers: NatsServerHandle[] = [];
async function server(args: string[]): Promise<NatsServerHandle> {
  const s = await startNatsServer({ args });
  servers.push(s);
  return s;
}
after(async () => {
  await Promise.all(servers.map((s) => s.dispose()));
  rmSync(dir, { recursive: true, force: true });
});

@Controller('sec')
class SecController {
  @Subject('open') open() { return 'ok'; }
  @Subject('secret') secret() { return 'hidden'; }
}
@Module({ controllers: [SecController] })
class SecModule {}

@Controller('sec')
class OpenController {
  @Subject('open') open() { return 'ok'; }
}
@Module({ controllers: [OpenController] })
class OpenModule {}

describe('credentials written in the server URL', () => {
  it('should log in with nats://user:pass@host (URL-encoded characters decoded)', async () => {
    const s = await server(['--user', 'alice', '--pass', 'p@ss:w']);
    const t = new NatsTransport('creds', { servers: `nats://alice:${encodeURIComponent('p@ss:w')}@127.0.0.1:${s.port}` });
    await t.connect();
    assert.equal(t.state, 'connected');
    assert.deepEqual(t.servers, [`nats://***@127.0.0.1:${s.port}`]);
    await t.close();
  });

  it('should log in with nats://token@host', async () => {
    const s = await server(['--auth', 's3cret-token']);
    const t = new NatsTransport('token', { servers: `nats://s3cret-token@127.0.0.1:${s.port}` });
    await t.connect();
    assert.equal(t.state, 'connected');
    await t.close();
  });

  it('should let explicit options win over the URL', async () => {
    const s = await server(['--user', 'alice', '--pass', 'right']);
    const t = new NatsTransport('explicit', { servers: `nats://alice:wrong@127.0.0.1:${s.port}`, user: 'alice', pass: 'right' });
    await t.connect();
    assert.equal(t.state, 'connected');
    await t.close();
    const bad = new NatsTransport('explicit-bad', { servers: `nats://alice:right@127.0.0.1:${s.port}`, user: 'alice', pass: 'wrong', timeout: 2000, maxReconnectAttempts: 0 });
    await assert.rejects(bad.connect(), /cannot connect to NATS at nats:\/\/\*\*\*@127\.0\.0\.1.*(auth|Authorization)/i);
  });
});

describe('permissions', () => {
  async function restricted(): Promise<NatsServerHandle> {
    const conf = join(dir, `perm-${servers.length}.conf`);
    writeFileSync(conf, `authorization { users = [ { user: a, password: b, permissions: {
      subscribe: { deny: ["sec.secret"] }, publish: { deny: ["_INBOX.>", "sec.nope"] } } } ] }\n`);
    return server(['-c', conf]);
  }

  it('should fail start() naming the subject a subscription is denied on', async () => {
    const s = await restricted();
    const app = await PaniniFactory.create(SecModule, { name: 'sec', servers: s.url, user: 'a', pass: 'b', logging: new RecordingLogger(), handleSignals: false });
    const err = await app.start().then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof PermissionDeniedError, `got ${String(err)}`);
    assert.equal(err.operation, 'subscription');
    assert.equal(err.subject, 'sec.secret');
    assert.match(err.message, /denied permission to subscribe to 'sec\.secret'.*allow subscribe on "sec\.secret"/);
    assert.equal(app.transport.state, 'closed');
  });

  it('should report a denied publish once, with what to change, not once per message', async () => {
    const s = await restricted();
    const lines = new RecordingLogger();
    let app: PaniniApplication | undefined;
    try {
      app = await PaniniFactory.create(OpenModule, { name: 'sec', servers: s.url, user: 'a', pass: 'b', logging: lines, handleSignals: false });
      await app.start();
      assert.equal(app.status.readiness().ready, true);
      for (let i = 0; i < 3; i++) app.client.publish('sec.nope', { i });
      await app.client.flush();
      const denied = () => lines.lines.filter((l) => l.level === 'error' && l.message.includes("publish to 'sec.nope'"));
      await waitFor(() => denied().length > 0, 'the denied publish to be reported');
      await app.client.flush(); // every -ERR for the three is in by now
      assert.equal(denied().length, 1);
      assert.match(denied()[0]!.message, /allow publish on "sec\.nope"/);
    } finally {
      await app?.close();
    }
  });
});

function openssl(args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
}

describe('a TLS server that requires a client certificate', () => {
  it('should say a client certificate is required instead of a bare timeout', async () => {
    openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '1', '-subj', '/CN=panini-test-ca']);
    openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=localhost']);
    writeFileSync(join(dir, 'san.cnf'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
    openssl(['x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '1', '-extfile', 'san.cnf']);
    const s = await server(['--tlsverify', '--tlscert', join(dir, 'server.pem'), '--tlskey', join(dir, 'server.key'), '--tlscacert', join(dir, 'ca.pem')]);
    const t = new NatsTransport('tls', { servers: `tls://127.0.0.1:${s.port}`, tls: { caFile: join(dir, 'ca.pem') }, timeout: 2000, maxReconnectAttempts: 0 });
    await assert.rejects(t.connect(), /requires a TLS client certificate and none was given; set tls: \{ certFile, keyFile \}/);
  });
});
