// users.module.ts
import { IsEmail, IsString } from 'class-validator';
import { Controller, Injectable, Module, NatsClient, Payload, Subject } from '../../../src/index.js';

export class CreateUserDto {
  @IsEmail() email!: string;
  @IsString() name!: string;
}

export interface UserView { id: string; email: string; name: string }

@Injectable()
export class UsersService {
  private readonly users = new Map<string, UserView>();

  async create(dto: CreateUserDto): Promise<UserView> {
    const user = { id: `u-${this.users.size + 1}`, email: dto.email, name: dto.name };
    this.users.set(user.id, user);
    return user;
  }
}

@Controller('users')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly nats: NatsClient,
  ) {}

  @Subject('create')
  async create(@Payload() dto: CreateUserDto): Promise<UserView> {
    const user = await this.users.create(dto);
    this.nats.publish('users.created', { id: user.id });
    return user;
  }
}

@Module({ controllers: [UsersController], providers: [UsersService] })
export class UsersModule {}
