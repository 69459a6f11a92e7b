export interface SubjectPattern {
  /** What is subscribed on NATS: `{name}` tokens become `*`. */
  subject: string;
  /** Token position -> name, for `@Param(name)`. */
  tokens: Array<{ index: number; name: string }>;
}

const NAMED = /^\{([A-Za-z_][A-Za-z0-9_]*)\}$/;

/** Joins a controller prefix and a handler pattern and extracts named tokens. Pure. */
export function parseSubject(prefix: string, pattern: string): SubjectPattern {
  const full = [prefix, pattern].filter((p) => p.length > 0).join('.');
  const parts = full.split('.');
  const tokens: SubjectPattern['tokens'] = [];
  const seen = new Set<string>();
  const subject = parts
    .map((part, index) => {
      const m = NAMED.exec(part);
      if (!m) {
        if (part.includes('{') || part.includes('}')) {
          throw new Error(`subject '${full}': token '${part}' must be a whole token like '{id}'`);
        }
        return part;
      }
      const name = m[1]!;
      if (seen.has(name)) throw new Error(`subject '${full}': token name '${name}' is used twice`);
      seen.add(name);
      tokens.push({ index, name });
      return '*';
    })
    .join('.');
  return { subject, tokens };
}

/** Reads the named tokens of a concrete subject. */
export function extractParams(subject: string, tokens: SubjectPattern['tokens']): Record<string, string> {
  const out: Record<string, string> = {};
  if (tokens.length === 0) return out;
  const parts = subject.split('.');
  for (const t of tokens) out[t.name] = parts[t.index] ?? '';
  return out;
}
