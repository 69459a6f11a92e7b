import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  BadReplyError, ContainerError, Controller, DecodeError, ForbiddenError, InvalidSubjectError, LoggingError, MalformedHeadersError,
  NoRespondersError, Payload, PayloadTooLargeError, PermissionDeniedError, RemoteError, RequestTimeoutError, SchedulerError,
  ServiceError, Subject, TransportClosedError, ValidationFailedError,
} from '../../src/index.js';
import { MalformedPayloadError } from '../../src/internal.js';
import { Test, TestingError } from '../../src/testing/index.js';
import { CliError } from '../../src/cli/cli-error.js';

type ServiceErrorModule = typeof import('../../src/errors/service.error.js');

/** The module loaded a second time (the query string makes Node evaluate a new instance), as a second installed copy would be. */
async function secondCopy(): Promise<ServiceErrorModule> {
  return await import(new URL('../../src/errors/service.error.js?copy=2', import.meta.url).href) as ServiceErrorModule;
}

describe('ServiceError.is', () => {
  describe('when the error was made by a second copy of the package', () => {
    it('should recognise it where instanceof does not', async () => {
      const copy = await secondCopy();
      const err = new copy.ServiceError(404, 'order 7 not found');
      assert.notEqual(copy.ServiceError, ServiceError);
      assert.equal(err instanceof ServiceError, false);
      assert.equal(ServiceError.is(err), true);
    });
  });

  describe('when a plain object carries the brand', () => {
    it('should recognise it, since the brand is a Symbol.for key shared by the process', () => {
      const foreign = { [Symbol.for('@panini/core/ServiceError')]: true, code: 409, message: 'taken' };
      assert.equal(ServiceError.is(foreign), true);
    });
  });

  describe('when the value has the same shape but no brand', () => {
    it('should not recognise it', () => {
      const lookalike = Object.assign(new Error('x'), { name: 'ServiceError', code: 404 });
      for (const v of [lookalike, { code: 404 }, null, undefined, 'ServiceError', 404]) assert.equal(ServiceError.is(v), false);
    });
  });

  describe('when the error is a subclass', () => {
    it('should be recognised as the subclass and as ServiceError, but not the other way round', () => {
      const decode = new DecodeError('json', new Error('bad'));
      assert.equal(ServiceError.is(decode), true);
      assert.equal(DecodeError.is(decode), true);
      assert.equal(DecodeError.is(new ServiceError(400, 'x')), false);
      assert.equal(ForbiddenError.is(decode), false);
    });
  });
});

describe('every Panini error class', () => {
  const instances: Array<[(abstract new (...args: never[]) => Error) & { is(v: unknown): boolean }, Error]> = [
    [ServiceError, new ServiceError(400, 'x')],
    [RemoteError, new RemoteError(500, 'x')],
    [RequestTimeoutError, new RequestTimeoutError('a', 1)],
    [NoRespondersError, new NoRespondersError('a')],
    [DecodeError, new DecodeError('json', new Error('x'))],
    [ForbiddenError, new ForbiddenError('A.b')],
    [TransportClosedError, new TransportClosedError('closed')],
    [MalformedHeadersError, new MalformedHeadersError('x')],
    [BadReplyError, new BadReplyError('a', 'x')],
    [PermissionDeniedError, new PermissionDeniedError('publish', 'a')],
    [PayloadTooLargeError, new PayloadTooLargeError(2, 1)],
    [InvalidSubjectError, new InvalidSubjectError('a b', 'x')],
    [ContainerError, new ContainerError('cycle', 'x')],
    [ValidationFailedError, new ValidationFailedError([])],
    [MalformedPayloadError, new MalformedPayloadError('x')],
    [LoggingError, new LoggingError('invalid-option', 'x')],
    [SchedulerError, new SchedulerError('busy', 'x')],
    [TestingError, new TestingError('timeout', 'x')],
    [CliError, new CliError('usage', 'x')],
  ];

  describe('when is() is asked about its own instance and the others', () => {
    it('should carry its own brand, named @panini/core/<ErrorName>', () => {
      for (const [cls, err] of instances) {
        assert.equal(cls.is(err), true, cls.name);
        assert.equal((err as unknown as Record<symbol, unknown>)[Symbol.for(`@panini/core/${cls.name}`)], true, cls.name);
        assert.equal(Object.getOwnPropertySymbols(err).length, 0, `${cls.name}: the brand lives on the prototype, not on each error`);
        const others = instances.filter(([c, e]) => c !== cls && !(e instanceof cls));
        for (const [, other] of others) assert.equal(cls.is(other), false, `${cls.name}.is(${other.name})`);
      }
    });
  });
});

@Controller('orders')
class OrdersController {
  constructor() {}
  static thrown: Error | undefined;
  @Subject('get') get(@Payload() _body: unknown): never { throw OrdersController.thrown; }
}

describe('an error reply', () => {
  describe('when a handler throws a ServiceError made by a second copy of the package', () => {
    it('should keep its code, message and details instead of becoming a bare 500', async () => {
      const copy = await secondCopy();
      OrdersController.thrown = new copy.ServiceError(404, 'order 7 not found', { id: 7 });
      const app = await Test.createTestingModule({ controllers: [OrdersController] }).compile();
      try {
        await assert.rejects(app.request('orders.get', {}), (err: unknown) => {
          assert.ok(RemoteError.is(err));
          assert.deepEqual([err.code, err.message, err.details], [404, 'order 7 not found', { id: 7 }]);
          return true;
        });
      } finally {
        await app.close();
      }
    });
  });
});
