/**
 * One header's value by name, matched case-insensitively (as HTTP does, and as NATS tooling
 * treats canonical names): `Nats-Request-Id`, `nats-request-id` and `NATS-REQUEST-ID` are one
 * header. An exact match is tried first, so the common case costs one property read.
 */
export function headerValue(headers: Readonly<Record<string, string>> | undefined, name: string): string | undefined {
  if (headers === undefined) return undefined;
  // own properties only: a header named 'constructor' must not find Object.prototype's
  if (Object.hasOwn(headers, name)) return headers[name];
  const lower = name.toLowerCase();
  for (const k in headers) if (k.toLowerCase() === lower) return headers[k];
  return undefined;
}
