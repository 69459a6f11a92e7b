import { isDeepStrictEqual } from 'node:util';
import { isCleanHeaders, renderBody, type HostileMessage, type UpstreamReply } from './hostile-arbitraries.js';

/** A reply as the test client got it: the raw error-code header (if any) and the body. */
export interface SeenReply { errorCode?: string; data: Uint8Array }

/** What a request may be answered with. */
interface Allowed {
  /** A success is allowed; the function names what is wrong with its body, if anything. */
  success?: (data: Uint8Array) => string | undefined;
  /** Which error codes are allowed (always within 400..599). */
  error?: (code: number) => boolean;
  what: string;
}

const dec = new TextDecoder();
type Decoded = { kind: 'empty' } | { kind: 'value'; value: unknown } | { kind: 'malformed' } | { kind: 'deep' };

/** Decodes a request body as the JSON codec does (empty is `undefined`, invalid UTF-8 replaced). */
function decode(m: HostileMessage): Decoded {
  if ('deep' in m.body) return { kind: 'deep' };
  const bytes = renderBody(m.body);
  if (bytes.length === 0) return { kind: 'empty' };
  try { return { kind: 'value', value: JSON.parse(dec.decode(bytes)) }; } catch { return { kind: 'malformed' }; }
}

const replyValue = (data: Uint8Array): unknown => (data.length === 0 ? undefined : JSON.parse(dec.decode(data)));
const equals = (expected: unknown) => (data: Uint8Array): string | undefined => {
  let got: unknown;
  try { got = replyValue(data); } catch { return `a success whose body is not JSON: ${dec.decode(data).slice(0, 80)}`; }
  return isDeepStrictEqual(got, expected) ? undefined : `a success with ${JSON.stringify(got)?.slice(0, 200)}, expected ${JSON.stringify(expected)?.slice(0, 200)}`;
};
const is4xx = (c: number): boolean => c >= 400 && c < 500;
const isExactly = (n: number) => (c: number): boolean => c === n;
const anyValid = (): boolean => true;

const isItem = (v: unknown): v is { name: string; qty: number } => {
  const o = v as { name?: unknown; qty?: unknown };
  return v !== null && typeof v === 'object' && !Array.isArray(v) && typeof o.name === 'string' && o.name.length > 0 && Number.isInteger(o.qty) && (o.qty as number) >= 0;
};
/** True when an event's body is a valid `TickDto`. */
export function isValidTick(m: HostileMessage): boolean {
  const d = decode(m);
  const v = d.kind === 'value' ? (d.value as { n?: unknown }) : undefined;
  return v !== null && typeof v === 'object' && !Array.isArray(v) && Number.isInteger(v.n);
}

function upstreamAllowed(up: UpstreamReply): Allowed {
  const clean = isCleanHeaders(up.headers) && !(up.headers?.fields ?? []).some((f) => f.name.toLowerCase() === 'nats-service-error-code');
  if (!clean) return { success: () => undefined, error: anyValid, what: 'any answer (the upstream answered oddly)' };
  let value: unknown;
  try { value = up.data === '' ? undefined : JSON.parse(up.data); } catch { value = up.data; }
  return { success: equals(value), what: `the upstream's answer ${up.data.slice(0, 60)}` };
}

/** True when an object below the top level has an own `constructor` key. */
function hasNestedConstructorKey(value: unknown, depth = 0): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (depth > 0 && !Array.isArray(value) && Object.prototype.hasOwnProperty.call(value, 'constructor')) return true;
  return Object.values(value).some((v) => hasNestedConstructorKey(v, depth + 1));
}

/** What the pipeline owes a request whose headers are well-formed. */
function owed(m: HostileMessage): Allowed {
  const tail = m.subject.slice(m.subject.indexOf('.', 3) + 1);
  if (m.route === 'fail') {
    const n = Number((JSON.parse(dec.decode(renderBody(m.body))) as { code: unknown }).code);
    const valid = Number.isInteger(n) && n >= 400 && n <= 599;
    return { error: valid ? isExactly(n) : anyValid, what: valid ? `the handler's code ${n}` : 'an error code within 400..599' };
  }
  if (m.route === 'relay') return upstreamAllowed(m.upstream!);
  const d = decode(m);
  if (d.kind === 'malformed') return { error: isExactly(400), what: '400 (malformed JSON)' };
  const byRoute = (value: unknown): Allowed => {
    switch (m.route) {
      case 'echo': return { success: equals(value), what: 'the payload echoed' };
      case 'dto':
        if (!isItem(value)) return { error: isExactly(400), what: '400 (invalid DTO)' };
        // class-transformer reads a nested object's own `constructor` key as its type and cannot
        // convert it: Panini answers 400 (payload cannot be converted) instead of stripping it
        if (hasNestedConstructorKey(value)) return { success: equals({ name: value.name, qty: value.qty }), error: isExactly(400), what: 'the DTO, or 400 (not convertible)' };
        return { success: equals({ name: value.name, qty: value.qty }), what: 'the DTO' };
      case 'items': return { success: equals({ id: tail }), what: `{ id: ${tail} }` };
      case 'orders': {
        const id = tail.slice(0, -'.get'.length);
        return /^[a-z0-9-]{2,}$/.test(id) ? { success: equals({ id }), what: `{ id: ${id} }` } : { error: isExactly(400), what: '400 (invalid token)' };
      }
      default: return { success: equals({ subject: m.subject }), what: 'the subject' };
    }
  };
  if (d.kind === 'deep') {
    // beyond any depth limit: a 4xx, or the normal answer if the pipeline copes
    const sameText = (data: Uint8Array) => (dec.decode(data) === dec.decode(renderBody(m.body)) ? undefined : 'a deep echo that differs');
    const normal: Allowed = m.route === 'echo' ? { success: sameText, what: 'the payload echoed' } : byRoute({ a: 1 });
    return { ...normal, error: is4xx, what: `a 4xx (too deep) or ${normal.what}` };
  }
  return byRoute(d.kind === 'empty' ? undefined : d.value);
}

/** What a request may be answered with: malformed headers add "a 4xx" to what is owed. */
export function allowed(m: HostileMessage): Allowed {
  const base = owed(m);
  if (isCleanHeaders(m.headers)) return base;
  const error = base.error;
  return { success: base.success, error: (c) => is4xx(c) || (error?.(c) ?? false), what: `${base.what}, or a 4xx (malformed headers)` };
}

/** Names what is wrong with the answer to a request, or undefined when it is right. */
export function judgeReply(m: HostileMessage, reply: SeenReply | 'silence' | 'no-responders', deadline: number): string | undefined {
  if (reply === 'silence') return `no answer within ${deadline} ms`;
  if (reply === 'no-responders') return 'no responders (the handler is gone)';
  const rule = allowed(m);
  if (reply.errorCode === undefined) return rule.success ? rule.success(reply.data) : `a success, expected ${rule.what}`;
  const code = Number(reply.errorCode);
  if (!Number.isInteger(code) || code < 400 || code > 599) return `error code '${reply.errorCode}' outside 400..599`;
  let body: { error?: { code?: unknown; message?: unknown } } | undefined;
  try { body = replyValue(reply.data) as typeof body; } catch { /* checked below */ }
  if (body?.error?.code !== code || typeof body.error.message !== 'string') return `error ${code} without a matching {error:{code,message}} body: ${dec.decode(reply.data).slice(0, 120)}`;
  if (!rule.error?.(code)) return `error ${code} (${String(body.error.message).slice(0, 120)}), expected ${rule.what}`;
  return undefined;
}
