import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DEFAULT_VALIDATION, prepareValidator } from '../src/pipeline/validation.js';
import { ORDER } from './fixtures/order.payload.js';
import { OrderDto } from './fixtures/order.dto.js';

/**
 * What scenario 4's DTO costs by itself, without NATS: class-transformer's plainToInstance, then
 * class-validator's validate, with the options Panini passes by default; then Panini's own check
 * of the same DTO, compiled from that metadata (the default) and with `compiled: false`.
 * Usage: node dist/bench/validation-cost.js [calls]
 */
const OPTIONS = { whitelist: true, forbidUnknownValues: true, validationError: { target: false, value: false } };

async function cpuPerCall(calls: number, once: () => unknown): Promise<number> {
  const c0 = process.cpuUsage();
  for (let i = 0; i < calls; i++) {
    // the compiled check is synchronous: not awaited, as the pipeline does not await it
    const r = once();
    if (r instanceof Promise) await r;
  }
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / calls;
}

const calls = Number(process.argv[2] ?? 50_000);
const transformOnly = (): unknown => plainToInstance(OrderDto, ORDER, { enableImplicitConversion: false, exposeDefaultValues: true });
const both = async (): Promise<void> => {
  if ((await validate(transformOnly() as object, OPTIONS)).length > 0) throw new Error('the fixture should be valid');
};
const compiled = prepareValidator(OrderDto, DEFAULT_VALIDATION);
const libraries = prepareValidator(OrderDto, { ...DEFAULT_VALIDATION, compiled: false });
if (!compiled.compiled) throw new Error('the fixture DTO should compile');
const compiledCheck = (): unknown => compiled.check(ORDER);

for (const f of [both, libraries.check.bind(undefined, ORDER), compiledCheck]) await cpuPerCall(Math.min(calls, 20_000), f); // warm-up
const rows: Array<[string, number]> = [
  ['plainToInstance', await cpuPerCall(calls, transformOnly)],
  ['plainToInstance + validate', await cpuPerCall(calls, both)],
  ["Panini's check, compiled: false", await cpuPerCall(calls, () => libraries.check(ORDER))],
  ["Panini's check, compiled (default)", await cpuPerCall(calls, compiledCheck)],
];
for (const [name, us] of rows) process.stdout.write(`${`${name}:`.padEnd(38)}${us.toFixed(2)} µs CPU/call\n`);
process.stdout.write(`(${calls} calls each, node ${process.version})\n`);
