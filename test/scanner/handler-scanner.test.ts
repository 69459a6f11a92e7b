import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Controller, Payload, Subject } from '../../src/index.js';
import { scanHandlers } from '../../src/scanner/handler-scanner.js';
import { compileArgs } from '../../src/pipeline/param-resolvers.js';
import { DEFAULT_VALIDATION } from '../../src/pipeline/validation.js';

class CreateOrderDto { sku!: string }
class OrderView { id!: string }

@Controller('orders')
class OrdersController {
  @Subject('create') async create(body: CreateOrderDto, _ctx: unknown): Promise<OrderView> { return { id: body.sku }; }
  @Subject('get') get(@Payload() _body: string): OrderView { return { id: '1' }; }
}

describe('scanHandlers', () => {
  describe('when a controller was compiled with decorator metadata', () => {
    it('should record each method\'s parameter types and return type in its definition', () => {
      const defs = scanHandlers([OrdersController]);
      const create = defs.find((d) => d.method === 'create')!;
      const get = defs.find((d) => d.method === 'get')!;
      assert.equal(create.paramTypes?.[0], CreateOrderDto);
      assert.equal(create.returnType, Promise);
      assert.deepEqual(get.paramTypes, [String]);
      assert.equal(get.returnType, OrderView);
    });
  });
});

describe('compileArgs', () => {
  describe('when the definition says no parameter types were emitted', () => {
    it('should refuse the handler from the definition alone, whatever Reflect holds', () => {
      const create = scanHandlers([OrdersController]).find((d) => d.method === 'create')!;
      assert.doesNotThrow(() => compileArgs(create, DEFAULT_VALIDATION));
      assert.throws(() => compileArgs({ ...create, paramTypes: undefined }, DEFAULT_VALIDATION), { name: 'ContainerError', kind: 'no-metadata' });
    });
  });
});
