import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ContainerError, Controller, Injectable, MessageContext, Module, Payload, Subject, type OnMessageEnd } from '../../src/index.js';
import { Get, HttpContext, HttpController } from '../../src/http/index.js';
import { MemoryBroker, MemoryTransport } from '../../src/testing/index.js';
import { startHttpApp, type RunningHttpApp } from './support/http-app.js';

let made = 0;
const ended: string[] = [];

/** The caller of one HTTP request, from its headers; made per request. */
@Injectable({ scope: 'message' })
class HttpCaller implements OnMessageEnd {
  readonly instance = ++made;
  constructor(private readonly ctx: HttpContext) {}
  get user(): string { return String(this.ctx.req.headers['x-user'] ?? 'anonymous'); }
  get requestId(): string { return this.ctx.requestId; }
  onMessageEnd(): void { ended.push(this.user); }
}

@Injectable({ scope: 'message' })
class Greeting {
  constructor(readonly caller: HttpCaller) {}
  text(): string { return `hello ${this.caller.user}`; }
}

@HttpController('me')
class MeController {
  constructor(private readonly greeting: Greeting, private readonly caller: HttpCaller) {}
  @Get() me() {
    return { text: this.greeting.text(), same: this.greeting.caller === this.caller, instance: this.caller.instance, requestId: this.caller.requestId };
  }
}

/** A NATS controller in the same app that asks for HttpContext: refused at run time with a reason. */
@Injectable({ scope: 'message' })
class NatsOnly {
  constructor(readonly ctx: MessageContext) {}
}
@HttpController('wrong')
class WrongController {
  constructor(private readonly nats: NatsOnly) {}
  @Get() get() { return this.nats.ctx.subject; }
}

@Controller('plain')
class PlainNatsController {
  @Subject('echo') echo(@Payload() body: unknown) { return body; }
}

@Module({ controllers: [MeController, WrongController, PlainNatsController], providers: [HttpCaller, Greeting, NatsOnly] })
class MeModule {}

describe('message-scoped providers on HTTP routes', () => {
  let http: RunningHttpApp;
  before(async () => {
    http = await startHttpApp([MeModule], { transport: new MemoryTransport({ broker: new MemoryBroker() }) });
  });
  after(() => http.close());

  describe('when two requests from different users are in flight', () => {
    it('should make one instance per request, shared inside it, with that request\'s HttpContext', async () => {
      const [ann, bob] = await Promise.all([
        http.fetch('/me', { headers: { 'x-user': 'ann', 'x-request-id': 'req-ann' } }).then((r) => r.json() as Promise<Record<string, unknown>>),
        http.fetch('/me', { headers: { 'x-user': 'bob' } }).then((r) => r.json() as Promise<Record<string, unknown>>),
      ]);
      assert.equal(ann['text'], 'hello ann');
      assert.equal(bob['text'], 'hello bob');
      assert.equal(ann['same'], true);
      assert.equal(ann['requestId'], 'req-ann');
      assert.notEqual(ann['instance'], bob['instance']);
      assert.deepEqual([...ended].sort(), ['ann', 'bob']);
    });
  });

  describe('when a route depends on a provider that needs the NATS MessageContext', () => {
    it('should answer 500 and keep serving', async () => {
      const res = await http.fetch('/wrong');
      assert.equal(res.status, 500);
      assert.equal((await http.fetch('/me')).status, 200);
    });
  });

  describe('when controllers are resolved outside a message', () => {
    it('should give the one instance of a controller without message-scoped dependencies, and refuse one made per message, saying why', () => {
      assert.equal(http.app.get(PlainNatsController), http.app.get(PlainNatsController));
      assert.throws(() => http.app.get(MeController), (e: unknown) => ContainerError.is(e) && e.kind === 'scope' && /message-scoped .* resolved outside a message/.test(e.message));
    });
  });
});
