import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { ORDER } from './fixtures/order.payload.js';
import { OrderDto } from './fixtures/order.dto.js';

/**
 * What scenario 4's DTO costs by itself, without NATS or Panini: class-transformer's
 * plainToInstance, then class-validator's validate, with the options Panini passes by default.
 * Usage: node dist/bench/validation-cost.js [calls]
 */
const OPTIONS = { whitelist: true, forbidUnknownValues: true, validationError: { target: false, value: false } };

async function cpuPerCall(calls: number, withValidate: boolean): Promise<number> {
  const c0 = process.cpuUsage();
  for (let i = 0; i < calls; i++) {
    const dto = plainToInstance(OrderDto, ORDER, { enableImplicitConversion: false, exposeDefaultValues: true });
    if (withValidate && (await validate(dto, OPTIONS)).length > 0) throw new Error('the fixture should be valid');
  }
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / calls;
}

const calls = Number(process.argv[2] ?? 50_000);
await cpuPerCall(Math.min(calls, 20_000), true); // warm-up
const transform = await cpuPerCall(calls, false);
const both = await cpuPerCall(calls, true);
process.stdout.write(`plainToInstance:            ${transform.toFixed(2)} µs CPU/call\n`);
process.stdout.write(`plainToInstance + validate: ${both.toFixed(2)} µs CPU/call (${calls} calls, node ${process.version})\n`);
