/**
 * A small JSON Schema (draft-07) checker for the keywords nest-cli-style.schema.json uses, so the
 * schema file stays the one description of the config and the CLI needs no validator package.
 * Keywords it does not know make `checkSchemaKeywords` fail (a test keeps the schema honest).
 */
export interface JsonSchema {
  type?: 'object' | 'string' | 'boolean' | 'number' | 'integer' | 'array';
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  required?: string[];
  enum?: unknown[];
  minLength?: number;
  pattern?: string;
  items?: JsonSchema;
  $ref?: string;
  definitions?: Record<string, JsonSchema>;
  default?: unknown;
  description?: string;
  title?: string;
  $schema?: string;
  $id?: string;
}

/** One problem, with the dotted path of the value (`projects.api.entryFile`). */
export interface SchemaProblem { path: string; message: string }

const ANNOTATIONS = new Set(['default', 'description', 'title', '$schema', '$id', 'definitions']);
const CHECKED = new Set(['type', 'properties', 'additionalProperties', 'required', 'enum', 'minLength', 'pattern', 'items', '$ref']);

/** Lists keywords of `schema` this checker would silently ignore. */
export function checkSchemaKeywords(schema: JsonSchema, path = '#'): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(schema)) {
    if (!ANNOTATIONS.has(k) && !CHECKED.has(k)) out.push(`${path}/${k}`);
    if (k === 'properties' || k === 'definitions') {
      for (const [name, sub] of Object.entries(v as Record<string, JsonSchema>)) out.push(...checkSchemaKeywords(sub, `${path}/${k}/${name}`));
    } else if ((k === 'additionalProperties' || k === 'items') && typeof v === 'object') {
      out.push(...checkSchemaKeywords(v as JsonSchema, `${path}/${k}`));
    }
  }
  return out;
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number' && Number.isInteger(v)) return 'integer';
  return typeof v;
}

function matchesType(v: unknown, type: NonNullable<JsonSchema['type']>): boolean {
  const t = typeOf(v);
  return t === type || (type === 'number' && t === 'integer');
}

/** Levenshtein distance, for "did you mean" hints on misspelt keys. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1]!.toLowerCase() === b[j - 1]!.toLowerCase() ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

export function closest(word: string, candidates: string[]): string | undefined {
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    const d = distance(word, c);
    if (d < bestScore) { best = c; bestScore = d; }
  }
  return bestScore <= Math.max(1, Math.floor(word.length / 3)) ? best : undefined;
}

/** Validates `value` against `schema` and returns every problem found (empty when valid). */
export function validateAgainstSchema(value: unknown, schema: JsonSchema, root: JsonSchema = schema, path = ''): SchemaProblem[] {
  const at = path || '(root)';
  if (schema.$ref) {
    const name = /^#\/definitions\/(.+)$/.exec(schema.$ref)?.[1];
    const target = name === undefined ? undefined : root.definitions?.[name];
    if (!target) throw new Error(`the schema refers to ${schema.$ref}, which it does not define`);
    return validateAgainstSchema(value, target, root, path);
  }
  if (schema.type && !matchesType(value, schema.type)) {
    return [{ path: at, message: `must be ${schema.type === 'object' || schema.type === 'array' ? 'an' : 'a'} ${schema.type} (got ${typeOf(value)})` }];
  }
  const problems: SchemaProblem[] = [];
  if (schema.enum && !schema.enum.some((e) => e === value)) {
    problems.push({ path: at, message: `must be one of ${schema.enum.map((e) => JSON.stringify(e)).join(', ')} (got ${JSON.stringify(value)})` });
  }
  if (typeof value === 'string') {
    if (schema.minLength !== undefined && value.length < schema.minLength) problems.push({ path: at, message: 'must not be empty' });
    else if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value)) {
      problems.push({ path: at, message: `has an invalid form (${JSON.stringify(value)})${schema.description ? `: ${schema.description}` : ''}` });
    }
  }
  if (Array.isArray(value) && schema.items) {
    value.forEach((v, i) => problems.push(...validateAgainstSchema(v, schema.items!, root, path ? `${path}.${i}` : String(i))));
  }
  if (typeOf(value) === 'object') {
    const obj = value as Record<string, unknown>;
    const known = Object.keys(schema.properties ?? {});
    for (const req of schema.required ?? []) {
      if (!(req in obj)) problems.push({ path: at, message: `is missing the required property "${req}"` });
    }
    for (const [key, v] of Object.entries(obj)) {
      const child = path ? `${path}.${key}` : key;
      const sub = schema.properties?.[key];
      if (sub) problems.push(...validateAgainstSchema(v, sub, root, child));
      else if (schema.additionalProperties === false) {
        const hint = closest(key, known);
        problems.push({ path: at, message: `has an unknown property "${key}"${hint ? `; did you mean "${hint}"?` : ` (allowed: ${known.join(', ')})`}` });
      } else if (typeof schema.additionalProperties === 'object') {
        problems.push(...validateAgainstSchema(v, schema.additionalProperties, root, child));
      }
    }
  }
  return problems;
}
