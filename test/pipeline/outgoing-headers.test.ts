import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Controller, Ctx, MessageContext, Payload, ServiceError, Subject } from '../../src/index.js';
import { Test } from '../../src/testing/index.js';

@Controller('hdr')
class HeadersController {
  @Subject('event', { invalidTo: 'hdr.invalid' })
  event(@Payload() _n: unknown): never { throw new ServiceError(422, 'first line\nsecond line'); }

  @Subject('bad-name')
  badName(@Ctx() ctx: MessageContext) { ctx.setReplyHeader('bad name', 'x'); return 'unreachable'; }

  @Subject('multi-line')
  multiLine(@Ctx() ctx: MessageContext) { ctx.setReplyHeader('X-Note', 'one\r\ntwo'); return 'ok'; }
}

describe('outgoing headers', () => {
  describe('when a failed event is dead-lettered with an error message that has a line break', () => {
    it('should publish the record, the message folded to one header line and kept whole in the body', async () => {
      const app = await Test.createTestingModule({ controllers: [HeadersController] }).compile();
      await app.publish('hdr.event', { a: 1 });
      const dead = await app.traffic.waitFor<{ error: { code: number; message: string } }>('hdr.invalid');
      assert.equal(dead.headers['Nats-Service-Error'], 'first line second line');
      assert.equal(dead.headers['Nats-Service-Error-Code'], '422');
      assert.equal(dead.data.error.message, 'first line\nsecond line');
      assert.equal(app.logs!.lines('error').length, 0);
      await app.close();
    });
  });

  describe('when a handler sets a reply header with an invalid name', () => {
    it('should throw to the handler, so the requester gets a 500 error reply instead of a timeout', async () => {
      const app = await Test.createTestingModule({ controllers: [HeadersController] }).compile();
      await assert.rejects(app.request('hdr.bad-name', undefined, { timeout: 2000 }), { code: 500 });
      await app.close();
    });
  });

  describe('when a handler sets a reply header value with a line break', () => {
    it('should fold it to one line and still reply', async () => {
      const app = await Test.createTestingModule({ controllers: [HeadersController] }).compile();
      const reply = await app.requestMessage('hdr.multi-line');
      assert.equal(reply.data, 'ok');
      assert.equal(reply.headers['X-Note'], 'one two');
      await app.close();
    });
  });
});
