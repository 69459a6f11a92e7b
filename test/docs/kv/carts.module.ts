// carts.module.ts
import { IsInt, IsString, Min } from 'class-validator';
import { Controller, Ctx, Injectable, Logger, MessageContext, Module, Param, Payload } from '../../../src/index.js';
import { InjectBucket, JetStreamModule, KvBucket, KvError, KvWatch, kvChangeOf } from '../../../src/jetstream/index.js';

export class Cart {
  @IsString() owner!: string;
  @IsInt() @Min(0) items!: number;
}

@Injectable()
export class CartsService {
  constructor(@InjectBucket('carts') private readonly carts: KvBucket<Cart>) {}

  /** Adds items whatever else writes the cart at the same time: read, update at that revision, retry on conflict. */
  async add(id: string, owner: string, items: number): Promise<Cart> {
    for (;;) {
      const current = await this.carts.get(`cart.${id}`);
      const next = { owner, items: (current?.value.items ?? 0) + items };
      try {
        if (current) await this.carts.update(`cart.${id}`, next, current.revision);
        else await this.carts.create(`cart.${id}`, next);
        return next;
      } catch (err) {
        if (!KvError.is(err, 'conflict')) throw err;
      }
    }
  }

  checkout(id: string): Promise<void> {
    return this.carts.delete(`cart.${id}`);
  }
}

@Controller()
export class CartsWatcher {
  readonly seen: string[] = [];

  constructor(private readonly log: Logger) {}

  @KvWatch('carts', 'cart.{id}', { initial: true })
  changed(@Param('id') id: string, @Payload() cart: Cart | undefined, @Ctx() ctx: MessageContext) {
    const { operation, revision } = kvChangeOf(ctx)!;
    this.seen.push(`${id} ${operation} ${cart?.items ?? '-'}`);
    this.log.info('cart changed', { id, operation, revision });
  }
}

@Module({
  imports: [JetStreamModule.forRoot({ streams: [], buckets: [{ name: 'carts', history: 10, ttl: 7 * 86_400_000, type: Cart }] })],
  controllers: [CartsWatcher],
  providers: [CartsService],
})
export class CartsModule {}
