import { IsInt, IsString, Matches, Min, MinLength } from 'class-validator';
import { Controller, Ctx, Headers, Logger, MessageContext, Module, NatsClient, Param, Payload, ServiceError, Subject } from '../../src/index.js';

/** The body `fz.dto` expects. */
export class ItemDto {
  @IsString() @MinLength(1) name!: string;
  @IsInt() @Min(0) qty!: number;
}

/** The body both event handlers expect. */
export class TickDto {
  @IsInt() n!: number;
}

/** The named token of `fz.orders.{id}.get`, validated. */
export class OrderParams {
  @Matches(/^[a-z0-9-]{2,}$/) id!: string;
}

/** The subject `fz.relay` asks, where the test plays an upstream service that may answer badly. */
export const UPSTREAM_SUBJECT = 'fzup.reply';
/** Where `fz.tick` dead-letters the events it rejects. */
export const DEAD_LETTER_SUBJECT = 'fz.dead';
/** The handler names as `app.stats()` and the log lines give them. */
export const TICK_HANDLER = 'HostileController.tick';
export const NOTE_HANDLER = 'HostileController.note';

/**
 * One handler per shape of input the pipeline must survive: plain JSON, a DTO next to all the
 * headers, named and wildcard tokens, a handler that logs its headers, a handler-chosen error
 * code, a request made onwards, and two event handlers (one with a dead-letter subject).
 * Replies never depend on headers, so the expected reply of a case is known from its payload.
 */
@Controller('fz')
export class HostileController {
  constructor(private readonly nats: NatsClient, private readonly log: Logger) {}

  @Subject('health') health() { return { ok: true }; }
  @Subject('echo') echo(@Payload() body: unknown) { return body; }
  @Subject('dto') dto(@Payload() dto: ItemDto, @Headers() _all: Record<string, string>) { return { name: dto.name, qty: dto.qty }; }
  @Subject('items.{id}') item(@Param('id') id: string, @Headers('x-trace') _trace?: string) { return { id }; }
  @Subject('orders.{id}.get') order(@Param() p: OrderParams) { return { id: p.id }; }
  @Subject('any.*') any(@Ctx() ctx: MessageContext) { return { subject: ctx.subject }; }

  @Subject('tail.>')
  tail(_payload: unknown, ctx: MessageContext) {
    this.log.info('tail message', { subject: ctx.subject, headers: ctx.headers });
    return { subject: ctx.subject };
  }

  @Subject('fail') fail(@Payload() body: { code?: unknown }) { throw new ServiceError(Number(body?.code), 'chosen failure'); }
  @Subject('relay') relay(@Payload() body: unknown) { return this.nats.request(UPSTREAM_SUBJECT, body, { timeout: 1000 }); }

  @Subject('tick', { invalidTo: DEAD_LETTER_SUBJECT }) tick(@Payload() _dto: TickDto, @Headers() _all: Record<string, string>) { /* accepted */ }
  @Subject('note') note(@Payload() _dto: TickDto, @Ctx() ctx: MessageContext) { this.log.info('note', { headers: ctx.headers }); }
}

@Module({ controllers: [HostileController] })
export class HostileModule {}
