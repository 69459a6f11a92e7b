import fc from 'fast-check';

/** A value typed out, or a long run of one string (kept short in printed counterexamples). */
export type HeaderValue = string | { repeat: string; times: number };
/** One header line as a sender typed it; `colon: false` leaves out the ':' between name and value. */
export interface HeaderField { name: string; value: HeaderValue; colon: boolean }

export const valueText = (v: HeaderValue): string => (typeof v === 'string' ? v : v.repeat.repeat(v.times));

/** A body as text, raw bytes, or a nesting depth (rendered when sent, so counterexamples stay readable). */
export type Body = { text: string } | { bytes: number[] } | { deep: number; shape: 'array' | 'object' };

export function renderBody(b: Body): Uint8Array {
  if ('text' in b) return enc.encode(b.text);
  if ('bytes' in b) return Uint8Array.from(b.bytes);
  const d = b.deep;
  return enc.encode(b.shape === 'array' ? '['.repeat(d) + ']'.repeat(d) : '{"a":'.repeat(d) + '1' + '}'.repeat(d));
}

/** A header block: NATS renders it byte for byte, the memory broker as a record of its fields. */
export interface HeaderSpec {
  /** First line of a NATS header block; the memory run ignores it. */
  status: string;
  fields: HeaderField[];
  /** False leaves out the blank line that ends a NATS header block. */
  terminated: boolean;
}

export type RequestRoute = 'echo' | 'dto' | 'items' | 'orders' | 'any' | 'tail' | 'fail' | 'relay';
export type EventRoute = 'tick' | 'note';

/** What a test upstream answers when `fz.relay` asks it. */
export interface UpstreamReply { headers?: HeaderSpec; data: string }

/** One message of a batch. `id` makes every message (and its upstream answer) findable. */
export interface HostileMessage {
  id: number;
  kind: 'request' | 'event';
  route: RequestRoute | EventRoute;
  subject: string;
  headers?: HeaderSpec;
  body: Body;
  /** Only for `relay`: how the upstream answers. */
  upstream?: UpstreamReply;
}

const enc = new TextEncoder();
const text = (t: string): Body => ({ text: t });

const NAME_OK = /^[!-9;-~]+$/;
const VALUE_OK = /^[ -~]*$/;

/** True for a header block any NATS client would accept: the pipeline then owes the normal answer. */
export function isCleanHeaders(h: HeaderSpec | undefined): boolean {
  if (h === undefined) return true;
  return h.status === 'NATS/1.0' && h.terminated && h.fields.every((f) => f.colon && NAME_OK.test(f.name) && VALUE_OK.test(valueText(f.value)));
}

// ---- headers ------------------------------------------------------------------------------

const cleanName = fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,15}$/);
const oddChar = fc.constantFrom(' ', '\t', '\x00', '\x01', '\x1b', '\x7f', '\r', '\n', 'é', 'ß', '日', '🙂', ':', '"', '\u2028', '\ufeff');
const oddName = fc.oneof(
  fc.tuple(cleanName, oddChar, fc.string({ maxLength: 4 })).map(([a, c, b]) => `${a}${c}${b}`),
  fc.constantFrom('', ' ', 'bad name', 'ünïcode', 'x\x00y', 'tab\there', 'colon:inside', '__proto__', 'constructor', 'prototype', 'Nats-Service-Error-Code'),
);
const cleanValue = fc.stringMatching(/^[ -~]{0,24}$/);
const oddValue: fc.Arbitrary<HeaderValue> = fc.oneof(
  fc.tuple(cleanValue, oddChar, cleanValue).map(([a, c, b]) => `${a}${c}${b}`),
  fc.integer({ min: 4_000, max: 60_000 }).map((times): HeaderValue => ({ repeat: 'v', times })),
  fc.constantFrom('', '   ', 'NaN', '-1', '日本語', '\r\n\r\n'),
);
const cleanField: fc.Arbitrary<HeaderField> = fc.record({ name: cleanName, value: cleanValue, colon: fc.constant(true) });
const oddField: fc.Arbitrary<HeaderField> = fc.oneof(
  fc.record({ name: oddName, value: cleanValue, colon: fc.constant(true) }),
  fc.record({ name: cleanName, value: oddValue, colon: fc.constant(true) }),
  fc.record({ name: cleanName, value: cleanValue, colon: fc.constant(false) }),
);
const oddStatus = fc.constantFrom('NATS/1.0 503', 'NATS/1.0 404 No Messages', 'NATS/1.0 100 Idle Heartbeat', 'NATS/1.0 abc', 'NATS/2.0', 'HTTP/1.1 200 OK', '', 'NATS/1.0 \x01');

/** Well-formed blocks, duplicates of one name included. */
export const cleanHeaders: fc.Arbitrary<HeaderSpec> = fc
  .array(cleanField, { maxLength: 4 })
  .chain((fields) => fc.boolean().map((dup) => (dup && fields[0] ? [...fields, { ...fields[0], value: `${fields[0].value}2` }] : fields)))
  .map((fields) => ({ status: 'NATS/1.0', fields, terminated: true }));

/** Blocks with at least one fault: a bad name or value, a missing colon, an odd status line or no end. */
export const malformedHeaders: fc.Arbitrary<HeaderSpec> = fc
  .record({
    status: fc.oneof({ weight: 4, arbitrary: fc.constant('NATS/1.0') }, { weight: 1, arbitrary: oddStatus }),
    fields: fc.tuple(fc.array(cleanField, { maxLength: 2 }), fc.array(oddField, { minLength: 1, maxLength: 3 })).map(([a, b]) => [...a, ...b]),
    terminated: fc.oneof({ weight: 5, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  });

export const anyHeaders: fc.Arbitrary<HeaderSpec | undefined> = fc.oneof(
  { weight: 2, arbitrary: fc.constant(undefined) },
  { weight: 2, arbitrary: cleanHeaders },
  { weight: 3, arbitrary: malformedHeaders },
);

// ---- payloads -----------------------------------------------------------------------------

const oddKey = fc.constantFrom('constructor', 'prototype', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'toJSON', 'then');
const key = fc.oneof(oddKey, fc.string({ maxLength: 6 }));
/** JSON objects whose keys shadow Object.prototype members, nested a little. */
const oddKeyObject: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  obj: fc.dictionary(key, fc.oneof({ depthSize: 'small' }, fc.jsonValue({ maxDepth: 1 }), tie('obj')), { maxKeys: 4 }),
})).obj;

/** Text of a JSON value: plain values, odd keys, arrays of odd-keyed objects. */
export const jsonText: fc.Arbitrary<string> = fc
  .oneof(fc.jsonValue({ maxDepth: 3 }), oddKeyObject, fc.array(oddKeyObject, { maxLength: 3 }))
  .map((v) => JSON.stringify(v) ?? 'null');

/** Nesting far beyond any sane depth limit (and beyond what JSON.stringify can recurse through). */
export const deepBody: fc.Arbitrary<Body> = fc.record({ deep: fc.integer({ min: 5_000, max: 60_000 }), shape: fc.constantFrom<'array' | 'object'>('array', 'object') });

export const malformedJsonText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('{', '{"a":', 'nul', "{'a':1}", '[1,]', 'NaN', '{"a":1}}', '\x00\x01', 'undefined', '"\\u12"'),
  fc.string({ maxLength: 12 }).filter((s) => s.length > 0 && !parses(s)),
);

const randomBytes: fc.Arbitrary<Body> = fc.array(fc.nat(255), { minLength: 1, maxLength: 32 }).map((b) => ({ bytes: b }));

export function parses(text: string): boolean {
  try { JSON.parse(text); return true; } catch { return false; }
}

const dtoText = fc.oneof(
  fc.record({ name: fc.string({ minLength: 1, maxLength: 8 }), qty: fc.nat(1000) }).map((v) => JSON.stringify(v)),
  fc.tuple(fc.record({ name: fc.string({ minLength: 1, maxLength: 8 }), qty: fc.nat(1000) }), oddKeyObject)
    .map(([v, extra]) => JSON.stringify({ ...(extra as object), ...v })),
  fc.record({ name: fc.oneof(fc.constant(''), fc.integer(), fc.constant(null)), qty: fc.oneof(fc.constant(-1), fc.constant('3'), fc.double()) }, { requiredKeys: [] })
    .map((v) => JSON.stringify(v)),
  fc.constantFrom('[]', '"text"', '42', 'null', ''),
);

const tickText = fc.oneof(
  fc.integer().map((n) => JSON.stringify({ n })),
  fc.constantFrom('{"n":"1"}', '{"n":1.5}', '{}', '[]', 'null', '"n"', ''),
);

/** Bytes a JSON handler may get: mostly JSON, often not, sometimes absurdly deep. */
export const jsonBody = (valid: fc.Arbitrary<string>): fc.Arbitrary<Body> => fc.oneof(
  { weight: 6, arbitrary: valid.map(text) },
  { weight: 2, arbitrary: malformedJsonText.map(text) },
  { weight: 1, arbitrary: randomBytes },
  { weight: 1, arbitrary: deepBody },
);

// ---- subjects -----------------------------------------------------------------------------

/** One subject token: no whitespace, no '.', no wildcard of its own; non-ASCII and punctuation welcome. */
export const token: fc.Arbitrary<string> = fc.string({
  unit: fc.constantFrom(...'abcxyzAZ019-_$%~!@#&()[]{}+=,;\'"`^|/\\?é日🙂'.split(/(?:)/u), 'ω'),
  minLength: 1,
  maxLength: 10,
});

// ---- whole messages -----------------------------------------------------------------------

export type Draft = Omit<HostileMessage, 'id'>;
const req = (route: RequestRoute, subject: fc.Arbitrary<string>, body: fc.Arbitrary<Body>, headers = anyHeaders): fc.Arbitrary<Draft> =>
  fc.record({ subject, body, headers }).map((m) => ({ kind: 'request' as const, route, ...m }));

const errorCode = fc.oneof(fc.integer({ min: 400, max: 599 }), fc.constantFrom<unknown>(0, -1, 200, 302, 399, 600, 1e9, 1.5, 'NaN', 'abc', null, '404'));

const upstreamReply: fc.Arbitrary<UpstreamReply> = fc.record({
  headers: fc.oneof(
    fc.constant(undefined),
    cleanHeaders,
    malformedHeaders,
    fc.tuple(fc.constantFrom('NaN', '0', '-1', '200', '404', '503', 'x'), cleanHeaders)
      .map(([code, h]) => ({ ...h, fields: [...h.fields, { name: 'Nats-Service-Error-Code', value: code, colon: true }] })),
  ),
  data: fc.oneof(jsonText, malformedJsonText, fc.constant('')),
});

/** Requests at every request handler but `fz.relay`, with headers drawn from `headers`. */
export const requestMessage = (headers: fc.Arbitrary<HeaderSpec | undefined> = anyHeaders): fc.Arbitrary<Draft> => fc.oneof(
  req('echo', fc.constant('fz.echo'), jsonBody(jsonText), headers),
  req('dto', fc.constant('fz.dto'), jsonBody(dtoText), headers),
  req('items', token.map((t) => `fz.items.${t}`), jsonBody(jsonText), headers),
  req('orders', token.map((t) => `fz.orders.${t}.get`), jsonBody(jsonText), headers),
  req('any', token.map((t) => `fz.any.${t}`), jsonBody(jsonText), headers),
  req('tail', fc.array(token, { minLength: 1, maxLength: 4 }).map((ts) => `fz.tail.${ts.join('.')}`), jsonBody(jsonText), headers),
  req('fail', fc.constant('fz.fail'), errorCode.map((code) => text(JSON.stringify({ code }))), headers),
);

/** Requests at `fz.relay`, whose upstream (played by the test) answers as `upstreamReply` says. */
export const relayMessage = (headers: fc.Arbitrary<HeaderSpec | undefined> = anyHeaders): fc.Arbitrary<Draft> => fc
  .record({ headers, upstream: upstreamReply })
  .map((m) => ({ kind: 'request' as const, route: 'relay' as const, subject: 'fz.relay', body: text(''), ...m }));

/** Events at `fz.tick` (dead-letters to `fz.dead`) and `fz.note`. */
export const eventMessage = (headers: fc.Arbitrary<HeaderSpec | undefined> = anyHeaders): fc.Arbitrary<Draft> => fc
  .record({ route: fc.constantFrom<EventRoute>('tick', 'note'), body: jsonBody(tickText), headers })
  .map((m) => ({ kind: 'event' as const, subject: `fz.${m.route}`, ...m }));

/** Headers any NATS client could send: none, or a well-formed block. */
export const wellFormedHeaders: fc.Arbitrary<HeaderSpec | undefined> = fc.option(cleanHeaders, { nil: undefined });

/** Everything at once: requests, relays and events, with any headers. */
export const anyMessage: fc.Arbitrary<Draft> = fc.oneof(
  { weight: 4, arbitrary: requestMessage() },
  { weight: 1, arbitrary: relayMessage() },
  { weight: 2, arbitrary: eventMessage() },
);

/**
 * A batch of numbered messages drawn from `kinds` (default: every kind of message).
 * A relay request carries its number, so the test upstream knows which answer it owes.
 */
export function batch(kinds: fc.Arbitrary<Draft> = anyMessage, maxLength = 20): fc.Arbitrary<HostileMessage[]> {
  return fc.array(kinds, { minLength: 1, maxLength }).map((ms) => ms.map((m, id) => ({ ...m, id, ...(m.route === 'relay' ? { body: text(JSON.stringify({ relay: id })) } : {}) })));
}
