import assert from 'node:assert/strict';
import type { NatsConnection } from '@nats-io/transport-node';

type Kind = 'string' | 'integer' | 'object' | 'array' | 'rfc3339';

/** Asserts that `value` has exactly these fields, each of the given JSON type. */
export function assertShape(value: unknown, shape: Record<string, Kind>, what: string): asserts value is Record<string, unknown> {
  assert.ok(value !== null && typeof value === 'object' && !Array.isArray(value), `${what} is an object`);
  const v = value as Record<string, unknown>;
  assert.deepEqual(Object.keys(v).sort(), Object.keys(shape).sort(), `${what}: field names`);
  for (const [key, kind] of Object.entries(shape)) {
    const x = v[key];
    const ok = kind === 'integer' ? Number.isInteger(x)
      : kind === 'array' ? Array.isArray(x)
        : kind === 'object' ? x !== null && typeof x === 'object' && !Array.isArray(x)
          : kind === 'rfc3339' ? typeof x === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(x)
            : typeof x === kind;
    assert.ok(ok, `${what}.${key} should be ${kind}, got ${JSON.stringify(x)}`);
  }
}

/** Every answer to a discovery request within `maxWait` ms (how `nats micro` collects them). */
export async function collect(nc: NatsConnection, subject: string, maxWait = 750): Promise<Array<Record<string, unknown>>> {
  const out: Array<Record<string, unknown>> = [];
  for await (const m of await nc.requestMany(subject, '', { strategy: 'timer', maxWait })) out.push(m.json());
  return out;
}
