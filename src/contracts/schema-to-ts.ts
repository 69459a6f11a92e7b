type Schema = Record<string, unknown>;

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A TypeScript identifier for a schema or message name (`order-line` -> `Order_line`). */
export function typeName(name: string): string {
  const clean = name.replace(/[^A-Za-z0-9_$]/g, '_');
  return /^[0-9]/.test(clean) ? `_${clean}` : clean;
}

/** A doc comment with the schema's description (and format), or nothing. */
export function docComment(s: Schema, indent: string): string {
  const text = [s['description'], s['format'] !== undefined ? `format: ${String(s['format'])}` : undefined]
    .filter((x): x is string => typeof x === 'string' && x.length > 0).join('\n');
  if (!text) return '';
  const lines = text.replace(/\*\//g, '*\\/').split('\n');
  return `${indent}/** ${lines.join(`\n${indent} * `)} */\n`;
}

const SIMPLE: Record<string, string> = { string: 'string', number: 'number', integer: 'number', boolean: 'boolean', null: 'null' };

/**
 * The TypeScript type a JSON value valid for the schema has. `$ref`s to `#/components/schemas/X`
 * (or `#/definitions/X`) name the type `X`. What TypeScript cannot say (lengths, patterns,
 * formats) is left to the service's validation; `unknown` where the schema says nothing.
 */
export function schemaToTs(s: unknown, indent = ''): string {
  if (typeof s !== 'object' || s === null) return 'unknown';
  const o = s as Schema;
  const ref = o['$ref'];
  if (typeof ref === 'string') return typeName(ref.slice(ref.lastIndexOf('/') + 1));
  if (Array.isArray(o['enum'])) return o['enum'].map((v) => JSON.stringify(v)).join(' | ') || 'never';
  if ('const' in o) return JSON.stringify(o['const']);
  for (const key of ['anyOf', 'oneOf'] as const) {
    const list = o[key];
    if (Array.isArray(list)) return [...new Set(list.map((x) => schemaToTs(x, indent)))].map((t) => (t.includes('=>') ? `(${t})` : t)).join(' | ');
  }
  if (Array.isArray(o['allOf'])) return o['allOf'].map((x) => schemaToTs(x, indent)).join(' & ');
  const type = o['type'];
  if (Array.isArray(type)) return type.map((t) => schemaToTs({ ...o, type: t }, indent)).join(' | ');
  if (typeof type === 'string' && SIMPLE[type] !== undefined) return SIMPLE[type];
  if (type === 'array') {
    const items = schemaToTs(o['items'], indent);
    return /^[A-Za-z0-9_$]+$/.test(items) ? `${items}[]` : `Array<${items}>`;
  }
  if (type === 'object' || o['properties'] !== undefined) return objectType(o, indent);
  return 'unknown';
}

function objectType(o: Schema, indent: string): string {
  const props = (o['properties'] ?? {}) as Record<string, Schema>;
  const required = new Set(Array.isArray(o['required']) ? (o['required'] as string[]) : []);
  const entries = Object.entries(props);
  if (entries.length === 0) return 'Record<string, unknown>';
  const inner = `${indent}  `;
  const fields = entries.map(([k, v]) => `${docComment(v, inner)}${inner}${IDENT.test(k) ? k : JSON.stringify(k)}${required.has(k) ? '' : '?'}: ${schemaToTs(v, inner)};`);
  return `{\n${fields.join('\n')}\n${indent}}`;
}
