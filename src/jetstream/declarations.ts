import type { Logger } from '../index.js';
import type { ConsumerConfig, ConsumerInfo, JetStreamBackend, StreamConfig, StreamInfo } from './backend.js';
import { ConsumerNotFoundError, JetStreamApiError, JetStreamDeclarationError, StreamNotFoundError } from './jetstream.errors.js';
import type { StreamDeclaration } from './jetstream-options.js';

/** Fields the server keeps for a stream's life (nats-server refuses to update them). */
const FIXED_STREAM: ReadonlyArray<keyof StreamConfig> = ['storage', 'retention'];
/** Fields the server keeps for a consumer's life. */
const FIXED_CONSUMER: ReadonlyArray<keyof ConsumerConfig> = ['deliverPolicy', 'optStartSeq', 'optStartTime', 'ackPolicy'];

export function streamConfigOf(d: StreamDeclaration): StreamConfig {
  return {
    name: d.name,
    subjects: d.subjects,
    ...(d.description !== undefined ? { description: d.description } : {}),
    retention: d.retention ?? 'limits',
    storage: d.storage ?? 'file',
    maxAge: d.maxAge ?? 0,
    maxMsgs: d.maxMsgs ?? -1,
    maxBytes: d.maxBytes ?? -1,
    maxMsgSize: d.maxMsgSize ?? -1,
    maxMsgsPerSubject: d.maxMsgsPerSubject ?? -1,
    discard: d.discard ?? 'old',
    replicas: d.replicas ?? 1,
    duplicateWindow: d.duplicateWindow ?? 120_000,
  };
}

const norm = (v: unknown): string => JSON.stringify(Array.isArray(v) ? [...(v as unknown[])].sort() : v ?? null);

/** The declared fields whose value differs on the server (a field the declaration leaves out is not compared). */
function differing<T extends object>(declared: T, actual: T): Array<keyof T> {
  return (Object.keys(declared) as Array<keyof T>).filter((k) => declared[k] !== undefined && norm(declared[k]) !== norm(actual[k]));
}

const show = (v: unknown): string => (typeof v === 'string' ? `'${v}'` : JSON.stringify(v));

/**
 * Creates the stream when missing, updates it when a declared field differs, checks only that
 * it exists with `declare: false`.
 * @throws JetStreamDeclarationError naming the field the server keeps, or how to create a missing external stream.
 */
export async function ensureStream(backend: JetStreamBackend, config: StreamConfig, declare: boolean, log: Logger): Promise<StreamInfo> {
  let info: StreamInfo;
  try {
    info = await backend.streamInfo(config.name);
  } catch (err) {
    if (!StreamNotFoundError.is(err)) throw err;
    if (!declare) {
      const cmd = `nats stream add ${config.name} --subjects '${config.subjects.join(',')}' --storage ${config.storage} --retention ${config.retention} --defaults`;
      throw new JetStreamDeclarationError(`stream '${config.name}' does not exist and is declared with declare: false (managed outside this service): create it first, for example \`${cmd}\`, or remove declare: false to let the service create it`, config.name);
    }
    info = await declared(() => backend.addStream(config), config.name, undefined, 'create');
    log.info(`created stream '${config.name}' on ${config.subjects.join(', ')}`, { stream: config.name });
    return info;
  }
  if (!declare) return info;
  const changed = differing(config, info.config);
  const fixed = changed.find((k) => FIXED_STREAM.includes(k));
  if (fixed !== undefined) {
    throw new JetStreamDeclarationError(
      `stream '${config.name}': ${String(fixed)} cannot change from ${show(info.config[fixed])} to ${show(config[fixed])}, the server keeps it for the stream's life: declare ${String(fixed)}: ${show(info.config[fixed])}, or move the messages to a new stream (or delete this one, losing them)`,
      config.name, undefined, String(fixed));
  }
  if (changed.length === 0) return info;
  info = await declared(() => backend.updateStream(config), config.name, undefined, `update ${changed.join(', ')} of`, String(changed[0]));
  log.info(`updated stream '${config.name}': ${changed.join(', ')}`, { stream: config.name });
  return info;
}

/** Like `ensureStream`, for a durable consumer. */
export async function ensureConsumer(backend: JetStreamBackend, stream: string, config: ConsumerConfig, declare: boolean, log: Logger): Promise<ConsumerInfo> {
  let info: ConsumerInfo;
  try {
    info = await backend.consumerInfo(stream, config.durable);
  } catch (err) {
    if (StreamNotFoundError.is(err)) throw new JetStreamDeclarationError(`consumer '${config.durable}' is on stream '${stream}', which does not exist: declare the stream in JetStreamModule.forRoot({ streams })`, stream, config.durable, undefined, { cause: err });
    if (!ConsumerNotFoundError.is(err)) throw err;
    if (!declare) {
      const filter = config.filterSubjects.map((f) => ` --filter '${f}'`).join('');
      const cmd = `nats consumer add ${stream} ${config.durable} --pull --ack explicit${filter} --deliver ${config.deliverPolicy} --max-deliver ${config.maxDeliver} --wait ${config.ackWait}ms --defaults`;
      throw new JetStreamDeclarationError(`consumer '${config.durable}' of stream '${stream}' does not exist and is declared with declare: false (managed outside this service): create it first, for example \`${cmd}\`, or remove declare: false`, stream, config.durable);
    }
    info = await declared(() => backend.addConsumer(stream, config), stream, config.durable, 'create');
    log.info(`created consumer '${config.durable}' on stream '${stream}'`, { stream, consumer: config.durable });
    return info;
  }
  if (!declare) return info;
  const changed = differing(config, info.config);
  const fixed = changed.find((k) => FIXED_CONSUMER.includes(k));
  if (fixed !== undefined) {
    throw new JetStreamDeclarationError(
      `consumer '${config.durable}' of stream '${stream}': ${String(fixed)} cannot change from ${show(info.config[fixed])} to ${show(config[fixed])}, the server keeps it for the consumer's life: declare ${String(fixed)}: ${show(info.config[fixed])}, or use a new durable name`,
      stream, config.durable, String(fixed));
  }
  if (changed.length === 0) return info;
  info = await declared(() => backend.updateConsumer(stream, config), stream, config.durable, `update ${changed.join(', ')} of`, String(changed[0]));
  log.info(`updated consumer '${config.durable}' of stream '${stream}': ${changed.join(', ')}`, { stream, consumer: config.durable });
  return info;
}

/** Runs a create/update; the server's refusal becomes a declaration error naming what was being done. */
async function declared<T>(fn: () => Promise<T>, stream: string, consumer: string | undefined, what: string, field?: string): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (!JetStreamApiError.is(err)) throw err;
    const name = consumer === undefined ? `stream '${stream}'` : `consumer '${consumer}' of stream '${stream}'`;
    throw new JetStreamDeclarationError(`could not ${what} ${name}: the server answered ${err.description} (${err.errCode})`, stream, consumer, field, { cause: err });
  }
}
