// users.controller.test.ts
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import assert from 'node:assert/strict';
import { Test, type TestingApp } from '../../../src/testing/index.js';
import { CreateUserDto, UsersController, UsersModule, UsersService } from './users.module.js';

describe('UsersController', () => {
  const users = { create: mock.fn(async (dto: CreateUserDto) => ({ id: 'u-1', email: dto.email, name: dto.name })) };
  let app: TestingApp;

  beforeEach(async () => {
    users.create.mock.resetCalls();
    app = await Test.createTestingModule({ imports: [UsersModule] })
      .overrideProvider(UsersService).useValue(users)
      .compile();
  });

  afterEach(() => app.close());

  describe('when the payload is valid', () => {
    it('should create the user, reply with it and publish users.created', async () => {
      const reply = await app.request('users.create', { email: 'ann@example.com', name: 'Ann' });

      assert.deepEqual(reply, { id: 'u-1', email: 'ann@example.com', name: 'Ann' });
      assert.equal(users.create.mock.callCount(), 1);
      const event = await app.traffic.waitFor('users.created');
      assert.deepEqual(event.data, { id: 'u-1' });
    });
  });

  describe('when the email is invalid', () => {
    it('should reply with a validation error and not call the service', async () => {
      await assert.rejects(app.request('users.create', { email: 'x', name: 'Ann' }), { code: 400 });
      assert.equal(users.create.mock.callCount(), 0);
    });
  });

  describe('when the controller is called as a plain class', () => {
    it('should use the mocked service', async () => {
      const dto = Object.assign(new CreateUserDto(), { email: 'bo@example.com', name: 'Bo' });

      const user = await app.get(UsersController).create(dto);

      assert.equal(user.id, 'u-1');
      assert.deepEqual(users.create.mock.calls[0]?.arguments, [dto]);
    });
  });
});
