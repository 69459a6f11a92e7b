import {
  Controller, Module, NatsClient, Payload, ServiceError, Subject, UseFilters, UseGuards, UseInterceptors, UseMiddleware,
  type Codec,
} from '../../src/index.js';
import { PayloadTooLargeError } from '../../src/transport/payload-rules.js';

/** What the observe-only and overlapping handlers saw, per test run. */
export const seen = { audit: 0, usersA: 0, usersB: 0, exact: 0, wildcard: 0 };

const refuse422: Codec = { name: 'refuse', decode: (b) => b, encode: () => { throw new ServiceError(422, 'cannot encode this'); } };

@Controller('bad')
export class BadController {
  constructor(private readonly nats: NatsClient) {}
  @Subject('echo') echo(@Payload() body: unknown) { return body; }
  @Subject('relay') relay(@Payload() body: unknown) { this.nats.publish('bad.relayed', body); return 'ok'; }
  @Subject('big') big(@Payload() body: { size: number }) { return 'x'.repeat(body.size); }
  @Subject('code') code(@Payload() body: { code: number | 'nan' }) { throw new ServiceError(body.code === 'nan' ? NaN : body.code, 'odd code'); }
  @Subject('plain-code') plainCode() { throw Object.assign(new Error('x'), { code: 0 }); }
  @Subject('encode', { codec: refuse422 }) encode() { return 'anything'; }
  @Subject('publish-too-big') publishTooBig() { this.nats.publish('bad.sink', 'x'.repeat(2 * 1024 * 1024)); }
  @Subject('middleware') @UseMiddleware(() => { throw new ServiceError(409, 'from middleware'); }) inMiddleware() { return 'no'; }
  @Subject('guard') @UseGuards(() => { throw new ServiceError(401, 'from guard'); }) inGuard() { return 'no'; }
  @Subject('interceptor') @UseInterceptors(() => { throw new PayloadTooLargeError(10, 5); }) inInterceptor() { return 'no'; }
  @Subject('filter') @UseFilters(() => { throw new Error('filter bug'); }) inFilter() { throw new ServiceError(418, 'teapot'); }
  @Subject('filter-code') @UseFilters(() => ({ code: 1000, message: 'filter chose a bad code' })) filterCode() { throw new Error('x'); }
}

@Module({ controllers: [BadController] })
export class BadModule {}

@Controller('obs')
export class ResponderController {
  @Subject('get') get(@Payload() body: { n: number }) { return { n: body.n, by: 'responder' }; }
}

@Controller('obs')
export class AuditController {
  @Subject('*', { reply: false }) audit(@Payload() body: { n: number }) {
    seen.audit++;
    if (body.n % 2 === 1) throw new ServiceError(422, 'odd numbers are suspicious');
    return { by: 'audit' };
  }
}

@Controller('users')
export class UsersA { @Subject('created') created() { seen.usersA++; } }

@Controller('users')
export class UsersB { @Subject('created') created() { seen.usersB++; } }

@Controller('core')
export class CoreController {
  @Subject('test') exact() { seen.exact++; return 'exact'; }
  @Subject('*') wildcard() { seen.wildcard++; return 'wildcard'; }
}

@Module({ controllers: [ResponderController, AuditController, UsersA, UsersB, CoreController] })
export class OverlapModule {}
