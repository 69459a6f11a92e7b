import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { IsInt, IsPositive } from 'class-validator';
import {
  BadReplyError, Controller, Ctx, Headers, Logger, Module, PaniniFactory, Payload, Subject,
  type HeaderRecord, type MessageContext, type PaniniApplication,
} from '../../src/index.js';
import { startNatsServer, type NatsServerHandle } from '../../src/testing/nats-server.js';
import { RawNats, type RawMessage } from '../support/raw-nats.js';
import { RecordingLogger } from '../support/recording-logger.js';
import { waitFor } from '../support/wait-for.js';

class CountDto {
  @IsInt() @IsPositive() count!: number;
}

const calls = { typed: 0, logged: 0, event: 0 };

@Controller('hdr')
class HeaderController {
  constructor(private readonly log: Logger) {}

  @Subject('typed') typed(@Payload() dto: CountDto, @Headers() headers: HeaderRecord) {
    calls.typed++;
    return { count: dto.count, headers };
  }

  @Subject('logged') logged(@Ctx() ctx: MessageContext) {
    calls.logged++;
    this.log.info('handling', { requestId: ctx.requestId });
    return 'ok';
  }

  @Subject('event', { invalidTo: 'hdr.dead' }) event(@Payload() _dto: CountDto) {
    calls.event++;
  }
}

@Module({ controllers: [HeaderController] })
class HeaderModule {}

// a name with a space: the server passes it on, nats.js refuses to decode it
const BAD_BLOCK = 'NATS/1.0\r\nbad name: secret-value-123\r\n\r\n';

describe('malformed header blocks on a real nats-server', () => {
  let nats: NatsServerHandle;
  let app: PaniniApplication;
  let raw: RawNats;
  const lines = new RecordingLogger();
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown): void => { unhandled.push(reason); };

  before(async () => {
    process.on('unhandledRejection', onUnhandled);
    nats = await startNatsServer();
    app = await PaniniFactory.create(HeaderModule, { name: 'hdr', servers: nats.url, logging: lines, handleSignals: false });
    await app.start();
    raw = await RawNats.connect(nats.port);
  });
  after(async () => {
    raw.close();
    await app.close();
    await nats.dispose();
    process.removeListener('unhandledRejection', onUnhandled);
  });

  const errorCode = (m: RawMessage): string | undefined => /Nats-Service-Error-Code:\s*(\d+)/i.exec(m.headerBlock ?? '')?.[1];

  describe('when a request to a @Payload() dto + @Headers() handler has malformed headers and an invalid body', () => {
    it('should answer 400 naming the problem, without the header value, and leave no rejection unobserved', async () => {
      const before = calls.typed;
      const reply = await raw.request('hdr.typed', BAD_BLOCK, '{"count":-1}');
      assert.equal(errorCode(reply), '400');
      const body = JSON.parse(reply.data.toString()) as { error: { code: number; message: string } };
      assert.equal(body.error.code, 400);
      assert.match(body.error.message, /^malformed headers: .*header name/);
      assert.doesNotMatch(body.error.message + reply.headerBlock, /secret-value-123/);
      assert.equal(calls.typed, before, 'the handler must not run');
      // a valid request right after proves the service still answers
      const ok = await raw.request('hdr.typed', 'NATS/1.0\r\nX-Good: 1\r\n\r\n', '{"count":2}');
      assert.deepEqual(JSON.parse(ok.data.toString()), { count: 2, headers: { 'X-Good': '1' } });
      await new Promise((resolve) => setImmediate(resolve));
      assert.deepEqual(unhandled, []);
    });
  });

  describe('when a request with malformed headers reaches a handler that logs', () => {
    it('should still get its 400 reply', async () => {
      const reply = await raw.request('hdr.logged', BAD_BLOCK, '{}');
      assert.equal(errorCode(reply), '400');
      assert.equal(calls.logged, 0);
    });
  });

  describe('when an event arrives with malformed headers', () => {
    it('should log it, count it as a failed event and dead-letter it', async () => {
      const dead: RawMessage[] = [];
      raw.subscribe('hdr.dead', (m) => dead.push(m));
      await raw.ping();
      const stats = () => app.stats().find((s) => s.subject === 'hdr.event')!;
      const failedBefore = stats().failedEvents;
      raw.hpub('hdr.event', BAD_BLOCK, '{"count":1}');
      await waitFor(() => dead.length === 1, 'the dead letter');
      assert.equal(stats().failedEvents, failedBefore + 1);
      assert.equal(calls.event, 0);
      const letter = JSON.parse(dead[0]!.data.toString()) as { subject: string; error: { code: number; message: string }; payload: string };
      assert.equal(letter.subject, 'hdr.event');
      assert.equal(letter.error.code, 400);
      assert.match(letter.error.message, /malformed headers/);
      assert.equal(letter.payload, '{"count":1}');
      const warned = lines.lines.find((l) => l.level === 'warn' && l.message.includes("rejected an event on 'hdr.event'"));
      assert.ok(warned, 'a warning line for the event');
      assert.match(warned.message, /malformed headers/);
    });
  });

  describe('when a reply with malformed headers reaches the service\'s request inbox', () => {
    it('should reject only that request with 502, and the next request should still succeed', async () => {
      raw.subscribe('peer.bad', (m) => raw.hpub(m.reply!, BAD_BLOCK, '{"x":1}'));
      raw.subscribe('peer.good', (m) => raw.pub(m.reply!, '{"fine":true}'));
      await raw.ping();
      const err = await app.client.request('peer.bad', {}, { timeout: 2000 }).then(() => undefined, (e: unknown) => e);
      assert.ok(err instanceof BadReplyError, `got ${String(err)}`);
      assert.equal(err.code, 502);
      assert.match(err.message, /bad reply to the request on 'peer\.bad': malformed headers/);
      assert.deepEqual(await app.client.request('peer.good', {}, { timeout: 2000 }), { fine: true });
      assert.equal(app.status.readiness().ready, true);
    });
  });
});
