// orders.module.ts
import { Controller, Inject, Injectable, Module, Payload, Subject, forwardRef, type Forward } from '../../../src/index.js';
import { UsersModule, UsersService } from './users.module.js';

@Injectable()
export class OrdersService {
  constructor(@Inject(forwardRef(() => UsersService)) private readonly users: Forward<UsersService>) {}
  countFor(userId: string): number { return userId.length; }
  describe(userId: string): string { return `order of ${this.users.name(userId)}`; }
}

@Controller('users')
export class UsersController {
  constructor(@Inject(forwardRef(() => UsersService)) private readonly users: Forward<UsersService>) {}
  @Subject('summary') summary(@Payload() body: { id: string }): string { return this.users.summary(body.id); }
}

@Module({ imports: [forwardRef(() => UsersModule)], controllers: [UsersController], providers: [OrdersService], exports: [OrdersService] })
export class OrdersModule {}
