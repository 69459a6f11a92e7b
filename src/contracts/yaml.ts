/** Keys and strings YAML reads back as the same plain string without quotes. */
const PLAIN = /^[A-Za-z_$/][A-Za-z0-9_$/ .()-]*$/;
const RESERVED = /^(true|false|null|yes|no|on|off|y|n|~)$/i;

function scalar(v: unknown): string {
  if (typeof v === 'string') return PLAIN.test(v) && !RESERVED.test(v) && !v.endsWith(' ') ? v : JSON.stringify(v);
  if (v === null || v === undefined) return 'null';
  return JSON.stringify(v);
}

const isEmpty = (v: unknown): boolean => (Array.isArray(v) ? v.length === 0 : typeof v === 'object' && v !== null && Object.keys(v).length === 0);

function lines(v: unknown, indent: string): string[] {
  if (Array.isArray(v)) {
    return v.flatMap((item) => {
      if (typeof item !== 'object' || item === null || isEmpty(item)) return [`${indent}- ${isEmpty(item) ? JSON.stringify(item) : scalar(item)}`];
      const [first = '', ...rest] = lines(item, `${indent}  `);
      return [`${indent}- ${first.trimStart()}`, ...rest];
    });
  }
  return Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined).flatMap(([k, x]) => {
    const key = scalar(k);
    if (typeof x !== 'object' || x === null || isEmpty(x)) return [`${indent}${key}: ${isEmpty(x) ? JSON.stringify(x) : scalar(x)}`];
    return [`${indent}${key}:`, ...lines(x, `${indent}  `)];
  });
}

/**
 * Writes JSON data as block-style YAML 1.2. Strings that could read as something else (numbers,
 * booleans, `#`, `:`, leading spaces) are written double-quoted with JSON escapes, which YAML
 * reads the same way, so parsing the output gives back the input.
 */
export function toYaml(value: unknown): string {
  if (typeof value !== 'object' || value === null || isEmpty(value)) return `${isEmpty(value) ? JSON.stringify(value) : scalar(value)}\n`;
  return `${lines(value, '').join('\n')}\n`;
}
