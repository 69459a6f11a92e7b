import type { StreamConfig } from '@nats-io/jetstream';
import { KvError } from './kv.errors.js';

/** One declared setting: its name as the user wrote it, the stream field behind it, the declared value. */
export interface DeclaredField {
  readonly field: string;
  readonly stream: keyof StreamConfig;
  readonly value: string | number | undefined;
  /** False for a field the server never changes on an existing stream (storage). */
  readonly mutable: boolean;
}

/** What ensuring one store (a KV bucket, an object store) needs to know about it. */
export interface StoreSpec {
  /** `KV bucket 'carts'`, for messages. */
  readonly what: string;
  readonly bucket: string;
  readonly stream: string;
  readonly declare: boolean;
  /** Only the fields the declaration gives; the others are left as the server has them. */
  readonly fields: readonly DeclaredField[];
  /** Creates the store with its full declaration (with the store's fixed fields: subjects, discard, rollups). */
  create(): Promise<unknown>;
  /** How to create it by hand, for `declare: false`. */
  readonly howToCreate: string;
}

/**
 * The stream operations ensuring needs, in the server's own shapes (snake_case, nanoseconds): a
 * nats.js `JetStreamManager` has them, and the testing kit's emulation answers them alike.
 * `info` rejects with code 10059 (or "stream not found") when the stream does not exist.
 */
export interface StreamAccess {
  readonly streams: {
    info(stream: string): Promise<{ config: object }>;
    update(stream: string, config: Partial<StreamConfig>): Promise<unknown>;
  };
}

/** What `ensureStore` did, for the start-up log. */
export type EnsureResult = { readonly action: 'created' | 'unchanged' | 'checked' } | { readonly action: 'updated'; readonly fields: readonly string[] };

/**
 * Makes the server's store match its declaration: created when missing, updated when a declared
 * field differs and the server may change it.
 * @throws KvError `missing` (declared with `declare: false` and absent), `declaration` (a field
 *   the server cannot change, such as storage, differs, or the server refused the update; the
 *   error names the field).
 */
export async function ensureStore(jsm: StreamAccess, spec: StoreSpec): Promise<EnsureResult> {
  const info = await streamInfo(jsm, spec.stream);
  if (!spec.declare) {
    if (!info) throw new KvError('missing', `${spec.what} does not exist and is declared with declare: false, so Panini does not create it; create it with: ${spec.howToCreate}`, { bucket: spec.bucket });
    return { action: 'checked' };
  }
  if (!info) {
    await spec.create();
    return { action: 'created' };
  }
  const config = info.config as unknown as Record<string, unknown>;
  const changed = spec.fields.filter((f) => f.value !== undefined && !same(config[f.stream], f.value));
  if (changed.length === 0) return { action: 'unchanged' };
  const fixed = changed.find((f) => !f.mutable);
  if (fixed) {
    throw new KvError('declaration', `${spec.what}: ${fixed.field} is declared as ${show(fixed.value)} but the server has ${show(config[fixed.stream])}, and it cannot be changed on an existing store; keep ${show(config[fixed.stream])}, or delete the store (losing its data) and start again`, { bucket: spec.bucket, field: fixed.field });
  }
  const update: Record<string, unknown> = { ...config };
  for (const f of changed) update[f.stream] = f.value;
  // the server refuses a duplicate window longer than max_age (nats.js sets them equal on creation)
  const maxAge = update['max_age'] as number;
  if (maxAge > 0 && (update['duplicate_window'] as number) > maxAge) update['duplicate_window'] = maxAge;
  try {
    await jsm.streams.update(spec.stream, update as Partial<StreamConfig>);
  } catch (err) {
    const names = changed.map((f) => `${f.field} (${show(config[f.stream])} -> ${show(f.value)})`).join(', ');
    throw new KvError('declaration', `${spec.what}: the server refused to change ${names}: ${(err as Error).message}`, { bucket: spec.bucket, field: changed[0]!.field }, { cause: err });
  }
  return { action: 'updated', fields: changed.map((f) => f.field) };
}

async function streamInfo(jsm: StreamAccess, stream: string): Promise<{ config: object } | undefined> {
  try {
    return await jsm.streams.info(stream);
  } catch (err) {
    if ((err as { code?: unknown }).code === 10059 || /stream not found/i.test((err as Error).message)) return undefined;
    throw err;
  }
}

const same = (have: unknown, want: unknown): boolean => (have ?? '') === want || (have === undefined && want === '');
const show = (v: unknown): string => (typeof v === 'string' ? `'${v}'` : String(v));
