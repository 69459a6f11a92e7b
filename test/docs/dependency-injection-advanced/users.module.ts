// users.module.ts
import { Inject, Injectable, Module, forwardRef, type Forward } from '../../../src/index.js';
import { OrdersModule, OrdersService } from './orders.module.js';

@Injectable()
export class UsersService {
  constructor(@Inject(forwardRef(() => OrdersService)) private readonly orders: Forward<OrdersService>) {}
  name(id: string): string { return `user ${id}`; }
  summary(id: string): string { return `${this.name(id)} has ${this.orders.countFor(id)} order(s)`; }
}

@Module({ imports: [forwardRef(() => OrdersModule)], providers: [UsersService], exports: [UsersService] })
export class UsersModule {}
