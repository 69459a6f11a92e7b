import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Type } from '../../src/index.js';
import { dtoJsonSchema } from '../../src/contracts/index.js';
import { REPO, requireBuiltExample } from '../cli/support/run-cli.js';
import { AddressDto, ItemDto, PlaceOrderDto } from './fixtures/shop.fixture.js';
import { checkAgreement } from './support/schema-agreement.js';

const RUNS = 400;

async function exampleDtos(): Promise<Type[]> {
  requireBuiltExample();
  const load = (file: string) => import(pathToFileURL(join(REPO, 'example-service', 'dist', 'src', file)).href) as Promise<Record<string, Type>>;
  const orders = await load('orders/dto/create-order.dto.js');
  const reservation = await load('inventory/dto/reservation.dto.js');
  const restock = await load('inventory/dto/restock.dto.js');
  return [orders['CreateOrderDto']!, reservation['ReserveStockDto']!, reservation['ReservationResultDto']!, restock['RestockDto']!];
}

/** Both sides must see enough of each kind, or agreeing says little. */
function assertMeaningful(name: string, { accepted, refused }: { accepted: number; refused: number }): void {
  assert.ok(accepted >= RUNS * 0.1, `${name}: only ${accepted} of ${RUNS} generated values were valid`);
  assert.ok(refused >= RUNS * 0.1, `${name}: only ${refused} of ${RUNS} generated values were invalid`);
}

describe('JSON Schemas of DTO classes', () => {
  describe('when values are generated around the rules of a nested DTO with arrays, enums, optional fields and formats', () => {
    for (const cls of [PlaceOrderDto, ItemDto, AddressDto]) {
      it(`should accept and refuse the same values as class-validator (${cls.name})`, async () => {
        assertMeaningful(cls.name, await checkAgreement(cls, RUNS));
      });
    }
  });

  describe("when values are generated for the example service's DTOs", () => {
    it('should accept and refuse the same values as class-validator', async () => {
      for (const cls of await exampleDtos()) assertMeaningful(cls.name, await checkAgreement(cls, RUNS));
    });
  });

  describe('when a DTO nests another', () => {
    it('should be self-contained, the nested classes under definitions', async () => {
      const schema = await dtoJsonSchema(PlaceOrderDto);
      assert.deepEqual(Object.keys(schema['definitions'] as object).sort(), ['AddressDto', 'ItemDto', 'PlaceOrderDto']);
    });

    it('should describe an array payload with [Class]', async () => {
      const schema = await dtoJsonSchema([ItemDto]);
      assert.equal(schema['type'], 'array');
      assert.deepEqual((schema['items'] as { required: string[] }).required, ['sku', 'qty']);
    });
  });
});
