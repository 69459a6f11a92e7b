// users.controller.test.ts
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import assert from 'node:assert/strict';
import { RemoteError } from '../../../src/index.js';
import { Test, type TestingApp } from '../../../src/testing/index.js';
import { CreateUserDto, UsersController, UsersModule, UsersService } from './users.module.js';

describe('UsersController', () => {
  const users = { create: mock.fn(async (dto: CreateUserDto) => ({ id: 'u-7', email: dto.email, name: dto.name })) };
  let app: TestingApp;

  beforeEach(async () => {
    users.create.mock.resetCalls();
    app = await Test.createTestingModule({ imports: [UsersModule] })
      .overrideProvider(UsersService).useValue(users)
      .compile();
  });

  afterEach(() => app.close());

  describe('when the payload is valid', () => {
    it('should pass a clean CreateUserDto to the service, reply with the user and publish its id', async () => {
      const reply = await app.request('users.create', { email: 'ann@example.com', name: 'Ann', role: 'admin' });

      assert.deepEqual(reply, { id: 'u-7', email: 'ann@example.com', name: 'Ann' });
      const [dto] = users.create.mock.calls[0]!.arguments;
      assert.ok(dto instanceof CreateUserDto);
      assert.deepEqual({ ...dto }, { email: 'ann@example.com', name: 'Ann' }); // unknown fields stripped
      const event = await app.traffic.waitFor('users.created');
      assert.deepEqual(event.data, { id: 'u-7' });
    });
  });

  describe('when the email is invalid', () => {
    it('should reply 400 naming the field, not call the service and publish nothing', async () => {
      const err = await app.request('users.create', { email: 'x', name: 'Ann' }).catch((e: unknown) => e);
      assert.ok(err instanceof RemoteError);
      assert.equal(err.code, 400);
      assert.deepEqual((err.details as Array<{ path: string }>).map((d) => d.path), ['email']);
      assert.equal(users.create.mock.callCount(), 0);
      await app.settle();
      assert.deepEqual(app.traffic.messages('users.created'), []);
    });
  });

  describe('when the controller is called as a plain class', () => {
    it('should call the mocked service and publish users.created', async () => {
      const dto = Object.assign(new CreateUserDto(), { email: 'bo@example.com', name: 'Bo' });

      const user = await app.get(UsersController).create(dto);

      assert.equal(user.id, 'u-7');
      assert.deepEqual(users.create.mock.calls[0]?.arguments, [dto]);
      assert.deepEqual(app.traffic.payloads('users.created'), [{ id: 'u-7' }]);
    });
  });
});
