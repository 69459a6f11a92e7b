import { IsInt, IsString, Min } from 'class-validator';
import {
  ConfigurableModuleBuilder, Controller, Ctx, Inject, Injectable, MessageContext, Module, ModuleRef, Payload, Subject, forwardRef,
  type Forward, type OnMessageEnd, type Type,
} from '../../src/index.js';
import { ConfigModule } from '../../src/config/index.js';

let made = 0;

/** The tenant of the message being handled, read from its `x-tenant` header. */
@Injectable({ scope: 'message' })
export class TenantContext {
  readonly instance = ++made;
  constructor(private readonly ctx: MessageContext) {}
  get tenant(): string { return this.ctx.header('x-tenant') ?? 'none'; }
}

/** Two levels below the controller; reads the tenant. */
@Injectable({ scope: 'message' })
export class OrdersRepo {
  constructor(readonly tenantContext: TenantContext) {}
  find(id: string): { id: string; tenant: string } { return { id, tenant: this.tenantContext.tenant }; }
}

@Injectable({ scope: 'message' })
export class ScopedOrders {
  constructor(readonly repo: OrdersRepo) {}
  get(id: string): { id: string; tenant: string } { return this.repo.find(id); }
}

/** Lets two requests be in flight at once: each waits until `count` have arrived. */
@Injectable()
export class Barrier {
  private arrived = 0;
  private release: (() => void) | undefined;
  private readonly all = new Promise<void>((r) => { this.release = r; });
  count = 2;
  async arrive(): Promise<void> {
    if (++this.arrived >= this.count) this.release!();
    await this.all;
  }
}

/** Counts `onMessageEnd()` calls. */
export const ENDED = Symbol('ended');

@Injectable({ scope: 'message' })
export class Audit implements OnMessageEnd {
  constructor(@Inject(ENDED) private readonly ended: string[], private readonly tenant: TenantContext) {}
  onMessageEnd(): void { this.ended.push(this.tenant.tenant); }
}

@Controller('scoped')
export class ScopedController {
  constructor(
    private readonly orders: ScopedOrders,
    private readonly tenant: TenantContext,
    private readonly barrier: Barrier,
    private readonly moduleRef: ModuleRef,
    private readonly audit: Audit,
  ) {}

  @Subject('order')
  order(@Payload() body: { id: string }): { id: string; tenant: string } {
    return this.orders.get(body.id);
  }

  @Subject('instances')
  async instances(@Ctx() ctx: MessageContext): Promise<{ direct: number; deep: number; resolved: number }> {
    await this.barrier.arrive();
    const resolved = await this.moduleRef.resolve(TenantContext, ctx);
    return { direct: this.tenant.instance, deep: this.orders.repo.tenantContext.instance, resolved: resolved.instance };
  }
}

@Module({ controllers: [ScopedController], providers: [TenantContext, OrdersRepo, ScopedOrders, Barrier, Audit, { provide: ENDED, useFactory: () => [] }] })
export class ScopedModule {}

/** The mistake: a singleton keeping a message's tenant. */
@Injectable()
export class TenantCache {
  constructor(readonly tenant: TenantContext) {}
}

@Module({ providers: [TenantContext, TenantCache] })
export class WrongScopeModule {}

// forwardRef between constructors: each side uses the other after construction only
@Injectable()
export class PingService {
  constructor(@Inject(forwardRef(() => PongService)) private readonly pong: Forward<PongService>) {}
  ping(n: number): string { return n <= 0 ? 'ping' : `ping ${this.pong.pong(n - 1)}`; }
}

@Injectable()
export class PongService {
  constructor(private readonly pingService: PingService) {}
  pong(n: number): string { return n <= 0 ? 'pong' : `pong ${this.pingService.ping(n - 1)}`; }
}

@Controller('cycle')
export class CycleController {
  constructor(private readonly ping: PingService) {}
  @Subject('rally') rally(@Payload() body: { n: number }): string { return this.ping.ping(body.n); }
}

// modules importing each other, the later-declared one named through forwardRef
@Module({ imports: [forwardRef(() => PongModule)], controllers: [CycleController], providers: [PingService], exports: [PingService] })
export class PingModule {}

@Module({ imports: [PingModule], providers: [PongService], exports: [PongService] })
export class PongModule {}

// the same cycle without forwardRef
@Injectable()
export class Left { constructor(@Inject('Right') readonly right: unknown) {} }
@Injectable()
export class Right { constructor(readonly left: Left) {} }
@Module({ providers: [Left, { provide: 'Right', useClass: Right }] })
export class NoForwardRefModule {}

// a library module written with the builder
export class GreeterOptions {
  @IsString() greeting!: string;
  @IsInt() @Min(1) times!: number;
}

export const { ConfigurableModuleClass: GreeterBase, MODULE_OPTIONS_TOKEN: GREETER_OPTIONS } =
  new ConfigurableModuleBuilder<GreeterOptions>({ name: 'GreeterModule', validate: GreeterOptions }).build();

@Injectable()
export class Greeter {
  constructor(@Inject(GREETER_OPTIONS) private readonly options: GreeterOptions) {}
  greet(name: string): string { return Array.from({ length: this.options.times }, () => `${this.options.greeting} ${name}`).join(', '); }
}

@Module({ providers: [Greeter], exports: [Greeter] })
export class GreeterModule extends GreeterBase {}

/** The app's typed configuration, read from variables the test passes. */
export class GreeterEnv {
  @IsString() GREETING!: string;
  @IsInt() @Min(1) GREET_TIMES!: number;
}

@Controller('greet')
export class GreetController {
  constructor(private readonly greeter: Greeter, private readonly moduleRef: ModuleRef, private readonly env: GreeterEnv) {}

  @Subject('hello') hello(@Payload() body: { name: string }): string { return this.greeter.greet(body.name); }

  /** get (strict and not), resolve and create, all through the module reference. */
  @Subject('refs')
  async refs(): Promise<{ strictRefused: string; same: boolean; loose: string; created: string; fresh: boolean }> {
    // Greeter belongs to GreeterModule, not to this controller's module: a strict get refuses it
    let strictRefused = '';
    try { this.moduleRef.get(Greeter); } catch (err) { strictRefused = (err as { kind?: string }).kind ?? 'no kind'; }
    const same = this.moduleRef.get(Greeter, { strict: false }) === this.greeter;
    const loose = this.moduleRef.get(GreeterEnv, { strict: false }).GREETING;
    const created = await this.moduleRef.create(Welcome);
    const again = await this.moduleRef.create(Welcome);
    return { strictRefused, same, loose, created: created.welcome(), fresh: created !== again };
  }
}

/** Not a provider: built by moduleRef.create() with its dependencies. */
export class Welcome {
  constructor(@Inject(Greeter) private readonly greeter: Greeter) {}
  welcome(): string { return this.greeter.greet('newcomer'); }
}

export function greetApp(env: Record<string, string>): { imports: Type[] } {
  @Module({
    imports: [
      ConfigModule.forRoot({ schema: GreeterEnv, env, envFilePath: false }),
      GreeterModule.forRootAsync({ inject: [GreeterEnv], useFactory: (e: GreeterEnv) => ({ greeting: e.GREETING, times: e.GREET_TIMES }) }),
    ],
    controllers: [GreetController],
  })
  class GreetAppModule {}
  return { imports: [GreetAppModule] };
}

@Module({ imports: [GreeterModule.forRoot({ greeting: 42 as unknown as string, times: 0 })] })
export class BadGreeterModule {}
