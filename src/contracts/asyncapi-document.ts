import type { HandlerDefinition } from '../scanner/handler-definition.js';
import type { ScannedPublication } from '../scanner/publication-scanner.js';
import { parseSubject } from '../scanner/subject-pattern.js';
import { splitUrlCredentials } from '../transport/connection-options.js';
import type { DtoSchemas, JsonSchema } from '../micro/dto-schemas.js';
import { requestType, responseType } from '../micro/endpoint-schemas.js';
import type { Type } from '../metadata/types.js';
import { ERROR_BODY_SCHEMA, ERROR_MESSAGE, ERROR_MESSAGE_ID, ERROR_SCHEMA_ID } from './error-reply.js';

/** An AsyncAPI 3.0.0 document as plain JSON data (https://www.asyncapi.com/docs/reference/specification/v3.0.0). */
export interface AsyncApiDocument {
  asyncapi: '3.0.0';
  info: { title: string; version: string; description?: string };
  defaultContentType: string;
  servers?: Record<string, { host: string; protocol: string; description?: string }>;
  channels: Record<string, AsyncApiChannel>;
  operations: Record<string, AsyncApiOperation>;
  components: { messages: Record<string, JsonSchema>; schemas: Record<string, JsonSchema> };
}

export interface AsyncApiChannel {
  address: string | null;
  title?: string;
  description?: string;
  parameters?: Record<string, { description: string }>;
  messages: Record<string, { $ref: string }>;
}

export interface AsyncApiOperation {
  action: 'send' | 'receive';
  channel: { $ref: string };
  summary?: string;
  description?: string;
  tags?: Array<{ name: string }>;
  messages: Array<{ $ref: string }>;
  reply?: { channel: { $ref: string }; messages: Array<{ $ref: string }> };
  bindings?: { nats: { queue: string; bindingVersion: '0.1.0' } };
  'x-panini-handler'?: string;
  'x-panini-source'?: string;
  /** The source's own details, under `x-panini-<kind>`: for `@Consume`, `x-panini-jetstream` with the stream, consumer and its settings. */
  [extension: `x-panini-${string}`]: unknown;
}

/** What the document is built from: plain data the scanner already produced. */
export interface ContractSource {
  info: { title: string; version: string; description?: string };
  /** NATS server URLs; credentials in them are dropped. */
  servers: readonly string[];
  handlers: readonly HandlerDefinition[];
  /** The queue group of each handler (same order), `false` for none: `planQueues(handlers, name).queues`. */
  queues: readonly (string | false)[];
  publications: readonly ScannedPublication[];
  /** Converters whose `$ref`s point at `#/components/schemas/`. */
  schemas: DtoSchemas;
}

const WILDCARDS = 'In the address, `*` matches any one token and `>` one or more trailing tokens; `{name}` is a token whose value the handler reads as a parameter.';
const CONTENT_TYPES: Record<string, string> = { json: 'application/json', string: 'text/plain', bytes: 'application/octet-stream' };

/** An id AsyncAPI accepts (`^[A-Za-z0-9_\-]+$`), readable from the subject: `orders.{id}.get` -> `orders_id_get`. */
function idOf(text: string): string {
  return text.replace(/\{([^}]*)\}/g, '$1').replace(/\*/g, 'any').replace(/>/g, 'rest').replace(/[^A-Za-z0-9_-]/g, '_');
}

function unique(base: string, taken: Record<string, unknown>): string {
  if (!(base in taken)) return base;
  let i = 2;
  while (`${base}_${i}` in taken) i++;
  return `${base}_${i}`;
}

function serversOf(urls: readonly string[]): AsyncApiDocument['servers'] {
  const { servers } = splitUrlCredentials([...urls]);
  const out: NonNullable<AsyncApiDocument['servers']> = {};
  servers.forEach((url, i) => {
    const m = /^([a-z][a-z0-9+.-]*):\/\/(.*)$/i.exec(url);
    const scheme = (m?.[1] ?? 'nats').toLowerCase();
    const host = (m?.[2] ?? url).replace(/\/+$/, '');
    out[`nats${i === 0 ? '' : `-${i + 1}`}`] = scheme === 'tls'
      ? { host, protocol: 'nats', description: 'TLS' }
      : { host, protocol: scheme === 'ws' || scheme === 'wss' ? scheme : 'nats' };
  });
  return out;
}

const tagsOf = (...lists: Array<string[] | undefined>): Array<{ name: string }> | undefined => {
  const names = [...new Set(lists.flatMap((l) => l ?? []))];
  return names.length ? names.map((name) => ({ name })) : undefined;
};

/**
 * Builds the AsyncAPI 3.0.0 document of a service from its handler definitions and declared
 * publications, without a broker: a channel per subject (named tokens as parameters), a
 * `receive` operation per handler (with its reply and the error reply), a `send` operation per
 * publication, and message payloads as JSON Schemas derived from the DTO classes. Deterministic:
 * the same code gives the same document, so it can be compared in CI.
 */
export function toAsyncApi(src: ContractSource): AsyncApiDocument {
  const channels: Record<string, AsyncApiChannel> = {};
  const operations: Record<string, AsyncApiOperation> = {};
  const messages: Record<string, JsonSchema> = {};
  const roots = new Set<Type>();
  const byAddress = new Map<string, string>();

  const channelFor = (address: string): string => {
    const known = byAddress.get(address);
    if (known !== undefined) return known;
    const id = unique(idOf(address), channels);
    const { tokens } = parseSubject('', address);
    const wild = /(^|\.)(\*|>)(\.|$)/.test(address) || tokens.length > 0;
    channels[id] = {
      address,
      ...(wild ? { description: WILDCARDS } : {}),
      ...(tokens.length ? { parameters: Object.fromEntries(tokens.map((t) => [t.name, { description: `token ${t.index + 1} of the subject` }])) } : {}),
      messages: {},
    };
    byAddress.set(address, id);
    return id;
  };
  const addMessage = (channel: string, id: string, message: JsonSchema): { $ref: string } => {
    messages[id] = message;
    channels[channel]!.messages[id] = { $ref: `#/components/messages/${id}` };
    return { $ref: `#/channels/${channel}/messages/${id}` };
  };
  const payloadOf = (t: Type | [Type] | undefined, what: string): JsonSchema => {
    if (t === undefined) return { description: `${what} is not declared by a DTO class` };
    roots.add(Array.isArray(t) ? t[0] : t);
    return src.schemas.refTo(t);
  };

  src.handlers.forEach((def, i) => {
    const channel = channelFor(def.pattern);
    const opId = unique(idOf(def.name), operations);
    const o = def.options;
    const contentType = typeof o.codec === 'object' ? undefined : CONTENT_TYPES[o.codec ?? 'json'];
    const headerNames = def.params.filter((p) => p.kind === 'headers' && p.name !== undefined).map((p) => p.name!);
    const request = addMessage(channel, `${opId}_request`, {
      name: `${opId}_request`,
      title: `${def.name} ${o.reply === false ? 'event' : 'request or event'}`,
      ...(contentType ? { contentType } : {}),
      ...(headerNames.length ? { headers: { type: 'object', properties: Object.fromEntries(headerNames.map((h) => [h, { type: 'string' }])) } } : {}),
      payload: payloadOf(requestType(def), 'the payload'),
      ...(o.examples?.length ? { examples: o.examples.map((payload) => ({ payload })) } : {}),
    });
    const queue = src.queues[i];
    const description = [def.controllerDoc?.description, o.description].filter(Boolean).join('\n\n');
    const op: AsyncApiOperation = {
      action: 'receive',
      channel: { $ref: `#/channels/${channel}` },
      ...(o.summary ? { summary: o.summary } : {}),
      ...(description ? { description } : {}),
      ...(tagsOf(def.controllerDoc?.tags, o.tags) ? { tags: tagsOf(def.controllerDoc?.tags, o.tags) } : {}),
      messages: [request],
      ...(queue !== false && queue !== undefined ? { bindings: { nats: { queue, bindingVersion: '0.1.0' } } } : {}),
      'x-panini-handler': def.name,
      ...(def.source !== undefined ? { 'x-panini-source': def.source } : {}),
      ...(def.source !== undefined && def.sourceDetails !== undefined ? { [`x-panini-${def.source}`]: def.sourceDetails } : {}),
    };
    if (o.reply !== false) {
      const replyChannel = unique(`${channel}_reply`, channels);
      channels[replyChannel] = {
        address: null,
        description: `The requester's inbox: the reply subject of a request to ${def.pattern}. An event (no reply subject) gets no answer.`,
        messages: {},
      };
      const ok = addMessage(replyChannel, `${opId}_reply`, {
        name: `${opId}_reply`,
        title: `${def.name} reply`,
        ...(contentType ? { contentType } : {}),
        payload: payloadOf(responseType(def), 'the reply'),
      });
      channels[replyChannel]!.messages[ERROR_MESSAGE_ID] = { $ref: `#/components/messages/${ERROR_MESSAGE_ID}` };
      messages[ERROR_MESSAGE_ID] = ERROR_MESSAGE;
      op.reply = { channel: { $ref: `#/channels/${replyChannel}` }, messages: [ok, { $ref: `#/channels/${replyChannel}/messages/${ERROR_MESSAGE_ID}` }] };
    }
    operations[opId] = op;
  });

  for (const pub of src.publications) {
    const channel = channelFor(pub.subject);
    const opId = unique(`send_${idOf(pub.subject)}`, operations);
    const message = addMessage(channel, `${opId}_message`, {
      name: `${opId}_message`,
      title: `${pub.subject} from ${pub.declaredBy}`,
      contentType: 'application/json',
      payload: payloadOf(pub.payload, 'the payload'),
      ...(pub.examples?.length ? { examples: pub.examples.map((payload) => ({ payload })) } : {}),
    });
    const op: AsyncApiOperation = {
      action: 'send',
      channel: { $ref: `#/channels/${channel}` },
      ...(pub.summary ? { summary: pub.summary } : {}),
      ...(pub.description ? { description: pub.description } : {}),
      ...(tagsOf(pub.tags) ? { tags: tagsOf(pub.tags) } : {}),
      messages: [message],
      'x-panini-handler': pub.declaredBy,
    };
    if (pub.replyTo !== undefined) {
      const replyChannel = channelFor(pub.replyTo);
      const answer = addMessage(replyChannel, `${opId}_reply`, { name: `${opId}_reply`, title: `answer to ${pub.subject}`, contentType: 'application/json', payload: payloadOf(pub.reply, 'the answer') });
      op.reply = { channel: { $ref: `#/channels/${replyChannel}` }, messages: [answer] };
    }
    operations[opId] = op;
  }

  const schemas = src.schemas.named(roots);
  if (messages[ERROR_MESSAGE_ID] !== undefined) schemas[ERROR_SCHEMA_ID] = ERROR_BODY_SCHEMA;
  return {
    asyncapi: '3.0.0',
    info: { title: src.info.title, version: src.info.version, ...(src.info.description ? { description: src.info.description } : {}) },
    defaultContentType: 'application/json',
    ...(src.servers.length ? { servers: serversOf(src.servers) } : {}),
    channels,
    operations,
    components: { messages, schemas },
  };
}
