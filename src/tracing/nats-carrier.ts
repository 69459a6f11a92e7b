import type { TextMapGetter, TextMapSetter } from '@opentelemetry/api';
import { headerValue } from '../internal.js';

type Headers = Record<string, string>;

/** Reads `traceparent`, `tracestate` and `baggage` from NATS headers in any case (any client may send them). */
export const headerGetter: TextMapGetter<Headers | undefined> = {
  keys: (h) => (h ? Object.keys(h) : []),
  get: (h, key) => (h ? headerValue(h, key) : undefined),
};

/** Writes a propagation header, replacing one the caller set under another case. */
export const headerSetter: TextMapSetter<Headers> = {
  set: (h, key, value) => {
    for (const k of Object.keys(h)) if (k !== key && k.toLowerCase() === key) delete h[k];
    h[key] = value;
  },
};
