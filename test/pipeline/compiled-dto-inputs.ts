import fc from 'fast-check';

/*
 * Inputs for the differential test: a valid body of a DTO, then a few mutations at random places
 * (a key removed, set to a value of another type or shape, an extra key added), sent as JSON text
 * so each side parses its own copy, as the pipeline does.
 */

const long = (n: number, c = 'a'): string => c.repeat(n);

/** Strings on both sides of the email rules (validator.js's, through class-validator). */
export const emailEdges = fc.oneof(
  fc.emailAddress(),
  fc.constantFrom(
    'a@b', 'a@b.c', 'a@b.co', 'a.@b.co', '.a@b.co', 'a..b@c.co', 'a@-b.co', 'a@b-.co', 'a@b.c0', '"a b"@c.co', 'a@[127.0.0.1]',
    'a@localhost', 'ünï@cödé.de', `${long(64)}@b.co`, `${long(65)}@b.co`, `a@${long(63, 'b')}.co`, `a@${long(64, 'b')}.co`,
    'a+tag@b.co', 'A@B.CO', ' a@b.co', 'a@b.co ', 'a@b..co', 'a@@b.co', '@b.co', 'a@', 'a@b.co\n', 'ann.smith@shop.example.com',
  ),
  fc.tuple(fc.emailAddress(), fc.nat(), fc.constantFrom('.', '@', ' ', '..', '-', '_', '+', '"', 'é', '\u0000', '\\')).map(([e, i, c]) => e.slice(0, i % (e.length + 1)) + c + e.slice(i % (e.length + 1))),
);

export const uuidEdges = fc.oneof(
  fc.uuid({ version: 4 }),
  fc.uuid(),
  fc.uuid({ version: 4 }).map((u) => u.toUpperCase()),
  fc.uuid({ version: 4 }).map((u) => u.replace(/-/g, '')),
  fc.tuple(fc.uuid({ version: 4 }), fc.nat(35), fc.constantFrom('g', '0', '-', '')).map(([u, i, c]) => u.slice(0, i) + c + u.slice(i + 1)),
);

export const dateEdges = fc.oneof(
  fc.date({ noInvalidDate: true, min: new Date(-1e14), max: new Date(1e14) }).map((d) => d.toISOString()),
  fc.constantFrom('2020-02-30', '2020-02-29', '2021-02-29', '2020-13-01T00:00:00Z', '2020-01-01', '2020-01-01T25:00:00Z', '20200101', '2020-W01', '2020-001', '2020-01-01T00:00:00+25:00', 'yesterday', ''),
);

const scalars = fc.oneof(
  fc.constantFrom(null, true, false, 0, -0, -1, 1, 1.5, 0.125, 99, 100, 1e21, -1e21, '', ' ', 'x', '0', '1', 'true', 'FR', 'red', 'green', 2, 'a@b.co', 'card'),
  fc.string({ maxLength: 12 }),
  fc.integer({ min: -200, max: 200 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  emailEdges,
  uuidEdges,
  dateEdges,
);

/** A value of any JSON type, weighted to scalars and small shapes. */
export const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: scalars },
  { weight: 1, arbitrary: fc.constantFrom([], {}, [1], [null], ['x'], { a: 1 }, [{}], [[]], { street: 'ab', country: 'FR' }, [{ sku: 'a', quantity: 1 }]) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  { weight: 1, arbitrary: fc.array(scalars, { maxLength: 4 }) },
);

export const extraKey = fc.oneof(
  fc.constantFrom('extra', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '', '0', 'retries', 'free', 'zip', 'street'),
  fc.string({ maxLength: 5 }),
);

type Mutation = { kind: 'delete' | 'set' | 'extra'; at: number; key: string; value: unknown };

const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom('delete', 'set', 'set', 'extra'),
  at: fc.nat(),
  key: extraKey,
  value: anyValue,
});

/** Every object and array in `root` with its own keys, the root first. */
function containers(root: unknown): Array<Record<string, unknown> | unknown[]> {
  const out: Array<Record<string, unknown> | unknown[]> = [];
  const walk = (v: unknown): void => {
    if (v === null || typeof v !== 'object') return;
    out.push(v as Record<string, unknown>);
    for (const k of Object.keys(v)) walk((v as Record<string, unknown>)[k]);
  };
  walk(root);
  return out;
}

function apply(root: unknown, mutation: Mutation): unknown {
  // a fresh copy: fast-check hands out the same constant objects again
  const m = { ...mutation, value: JSON.parse(JSON.stringify(mutation.value) ?? 'null') as unknown };
  const all = containers(root);
  if (all.length === 0) return m.kind === 'set' ? m.value : root;
  const target = all[m.at % all.length]! as Record<string, unknown>;
  const keys = Object.keys(target);
  if (m.kind === 'extra' || keys.length === 0) {
    // a JSON body can carry any key, `__proto__` included, as an own property
    Object.defineProperty(target, m.key, { value: m.value, enumerable: true, writable: true, configurable: true });
    return root;
  }
  const key = keys[m.at % keys.length]!;
  if (m.kind === 'delete') {
    if (Array.isArray(target) && /^\d+$/.test(key)) {
      // by hand: an array given an own `constructor` key cannot splice
      for (let i = Number(key); i < target.length - 1; i++) target[i] = target[i + 1];
      target.length--;
    }
    else delete target[key];
  } else target[key] = m.value;
  return root;
}

/** JSON texts: mostly mutated valid bodies, sometimes a valid one or any JSON at all. */
export function bodies(valid: fc.Arbitrary<unknown>): fc.Arbitrary<string> {
  const mutated = fc.tuple(valid, fc.array(mutation, { minLength: 1, maxLength: 4 })).map(([v, ms]) => {
    let root = JSON.parse(JSON.stringify(v)) as unknown;
    for (const m of ms) root = apply(root, m);
    return root;
  });
  return fc.oneof({ weight: 2, arbitrary: valid }, { weight: 6, arbitrary: mutated }, { weight: 1, arbitrary: anyValue }).map((v) => JSON.stringify(v) ?? 'null');
}

const address = fc.record({
  street: fc.string({ minLength: 2, maxLength: 40 }),
  zip: fc.option(fc.stringMatching(/^[0-9]{5}$/), { nil: undefined }),
  country: fc.constantFrom('FR', 'DE', 'US'),
}, { requiredKeys: ['street', 'country'] });

const line = fc.record({
  sku: fc.string({ minLength: 1, maxLength: 8 }),
  quantity: fc.integer({ min: 1, max: 99 }),
  price: fc.option(fc.integer({ min: 0, max: 100000 }).map((c) => c / 100), { nil: undefined }),
}, { requiredKeys: ['sku', 'quantity'] });

export const validBodies = {
  address,
  line,
  kitchen: fc.record({
    id: fc.uuid({ version: 4 }),
    email: fc.emailAddress(),
    colour: fc.constantFrom('red', 'green'),
    level: fc.constantFrom(1, 2),
    active: fc.boolean(),
    code: fc.string({ minLength: 2, maxLength: 10 }),
    at: fc.date({ noInvalidDate: true, min: new Date(0), max: new Date(4e12) }).map((d) => d.toISOString()),
    note: fc.jsonValue({ maxDepth: 1 }),
    comment: fc.option(fc.string(), { nil: null }),
    lines: fc.array(line, { minLength: 1, maxLength: 3 }),
    address,
    tags: fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
    meta: fc.dictionary(fc.string({ maxLength: 4 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
    loose: fc.constantFrom({}, { a: 1 }),
    retries: fc.integer({ min: 0, max: 9 }),
    weight: fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom('12.5', '1e3', 'x')),
    due: fc.oneof(dateEdges, fc.integer()),
    free: fc.jsonValue({ maxDepth: 1 }),
  }, { requiredKeys: ['id', 'email', 'colour', 'active', 'code', 'at', 'note', 'comment', 'lines', 'address'] }),
  grouped: fc.record({
    name: fc.string({ maxLength: 8 }),
    count: fc.integer({ min: 0, max: 50 }),
    email: fc.emailAddress(),
    address,
  }, { requiredKeys: ['count'] }),
  order: fc.record({
    id: fc.string({ minLength: 1, maxLength: 32 }),
    customer: fc.record({ id: fc.string({ minLength: 1, maxLength: 32 }), email: emailEdges }),
    sku: fc.string({ maxLength: 20 }),
    quantity: fc.integer({ min: 1, max: 1000 }),
    priceCents: fc.integer({ min: 0, max: 1e7 }),
  }),
};
