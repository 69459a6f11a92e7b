import { docComment, schemaToTs, typeName } from './schema-to-ts.js';

type Obj = Record<string, unknown>;

/** What `generateClient` takes besides the document. */
export interface GenerateClientOptions {
  /** Name of the exported factory (default `createClient`). */
  factory?: string;
}

const asObj = (v: unknown): Obj => (typeof v === 'object' && v !== null ? (v as Obj) : {});

/** Follows a local `$ref` (`#/channels/x/messages/y`) through the document, as often as it chains. */
function deref(doc: Obj, v: unknown): Obj {
  let node = asObj(v);
  for (let hops = 0; typeof node['$ref'] === 'string' && hops < 16; hops++) {
    const path = (node['$ref']).replace(/^#\//, '').split('/').map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
    node = asObj(path.reduce<unknown>((at, key) => asObj(at)[key], doc));
  }
  return node;
}

/** `OrdersController_create` -> `ordersControllerCreate`. */
function methodName(id: string): string {
  const words = id.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const name = words.map((w, i) => (i === 0 ? w[0]!.toLowerCase() + w.slice(1) : w[0]!.toUpperCase() + w.slice(1))).join('');
  return /^[0-9]/.test(name) ? `_${name}` : name || '_';
}

const declared = (payload: Obj): boolean => Object.keys(payload).some((k) => k !== 'description');

const RUNTIME = `import { headers as natsHeaders, type Msg, type NatsConnection } from '@nats-io/transport-node';

/** An error reply of the service: its code (400-599), message and details. */
export class ServiceErrorReply extends Error {
  constructor(readonly code: number, message: string, readonly details?: unknown) {
    super(message);
    this.name = 'ServiceErrorReply';
  }
}

/** Per-call options. */
export interface CallOptions {
  /** Milliseconds to wait for the reply. */
  timeout?: number;
  headers?: Record<string, string>;
}

/** The part of a nats.js connection the client uses. */
export type Connection = Pick<NatsConnection, 'request' | 'publish'>;

const TOKEN = /^[^\\s.*>]+$/;

function token(name: string, value: string): string {
  if (typeof value !== 'string' || !TOKEN.test(value)) throw new TypeError(\`the {\${name}} token needs one subject token (no '.', '*', '>' or spaces), got \${JSON.stringify(value)}\`);
  return value;
}

function toHeaders(h: Record<string, string> | undefined) {
  if (h === undefined || Object.keys(h).length === 0) return undefined;
  const out = natsHeaders();
  for (const [k, v] of Object.entries(h)) out.set(k, v);
  return out;
}

function body(m: Msg): unknown {
  if (m.data.length === 0) return undefined;
  const text = m.string();
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

async function request<R>(nc: Connection, subject: string, payload: unknown, timeout: number, options: CallOptions, headers: Record<string, string> = {}): Promise<R> {
  const m = await nc.request(subject, payload === undefined ? undefined : JSON.stringify(payload), {
    timeout: options.timeout ?? timeout,
    headers: toHeaders({ ...options.headers, ...headers }),
  });
  const code = m.headers?.get('Nats-Service-Error-Code');
  if (code) {
    const error = (body(m) as { error?: { message?: string; details?: unknown } } | undefined)?.error;
    throw new ServiceErrorReply(Number(code), error?.message ?? m.headers?.get('Nats-Service-Error') ?? '', error?.details);
  }
  return body(m) as R;
}

function publish(nc: Connection, subject: string, payload: unknown, options: CallOptions, headers: Record<string, string> = {}): void {
  nc.publish(subject, payload === undefined ? undefined : JSON.stringify(payload), { headers: toHeaders({ ...options.headers, ...headers }) });
}
`;

/**
 * A TypeScript module with a typed client for the operations a service receives, generated from
 * its AsyncAPI 3.0.0 document (`panini client --from asyncapi.json`). The module depends only on
 * `@nats-io/transport-node`: one interface per schema, and a factory taking a NATS connection
 * whose methods send to the right subject, fill `{tokens}` from a `params` argument, and resolve
 * with the typed reply or reject with `ServiceErrorReply`.
 * @throws Error when the document is not AsyncAPI 3.x.
 */
export function generateClient(document: unknown, options: GenerateClientOptions = {}): string {
  const doc = asObj(document);
  if (typeof doc['asyncapi'] !== 'string' || !doc['asyncapi'].startsWith('3.')) {
    throw new Error(`the document is not AsyncAPI 3 (asyncapi: ${JSON.stringify(doc['asyncapi'])}); generate it with panini asyncapi`);
  }
  const info = asObj(doc['info']);
  const schemas = asObj(asObj(doc['components'])['schemas']);
  const types = Object.entries(schemas).map(([name, s]) => {
    const t = schemaToTs(s);
    return `${docComment(asObj(s), '')}export ${t.startsWith('{') ? `interface ${typeName(name)} ${t}` : `type ${typeName(name)} = ${t};`}`;
  });

  const methods: string[] = [];
  for (const [id, raw] of Object.entries(asObj(doc['operations']))) {
    const op = asObj(raw);
    if (op['action'] !== 'receive') continue;
    const channel = deref(doc, op['channel']);
    const address = channel['address'];
    if (typeof address !== 'string' || /(^|\.)(\*|>)(\.|$)/.test(address)) continue;
    const message = deref(doc, (op['messages'] as unknown[] | undefined)?.[0]);
    const payload = asObj(message['payload']);
    const params = Object.keys(asObj(channel['parameters']));
    const headerNames = Object.keys(asObj(asObj(message['headers'])['properties']));
    const reply = asObj(op['reply']);
    const replies = (reply['messages'] as unknown[] | undefined ?? []).map((m) => deref(doc, m)).filter((m) => m['name'] !== 'PaniniErrorReply');
    const args: string[] = [];
    if (params.length) args.push(`params: { ${params.map((p) => `${IDENT.test(p) ? p : JSON.stringify(p)}: string`).join('; ')} }`);
    args.push(declared(payload) ? `payload: ${schemaToTs(payload, '    ')}` : 'payload?: unknown');
    if (headerNames.length) args.push(`headers: { ${headerNames.map((h) => `${JSON.stringify(h)}: string`).join('; ')} }`);
    args.push('options: CallOptions = {}');
    const subject = params.length ? `\`${address.replace(/\{([^}]+)\}/g, (_, p: string) => `\${token(${JSON.stringify(p)}, params[${JSON.stringify(p)}])}`)}\`` : JSON.stringify(address);
    const hdrs = headerNames.length ? ', headers' : '';
    const doc_ = docComment({ description: [op['summary'], `${op['reply'] ? 'Request' : 'Event'} on \`${address}\`.`].filter(Boolean).join('\n') }, '    ');
    if (op['reply'] !== undefined) {
      const replyType = replies.length && declared(asObj(replies[0]!['payload'])) ? schemaToTs(replies[0]!['payload'], '    ') : 'unknown';
      methods.push(`${doc_}    ${methodName(id)}: (${args.join(', ')}): Promise<${replyType}> =>\n      request<${replyType}>(nc, ${subject}, payload, timeout, options${hdrs}),`);
    } else {
      methods.push(`${doc_}    ${methodName(id)}: (${args.join(', ')}): void =>\n      publish(nc, ${subject}, payload, options${hdrs}),`);
    }
  }

  const factory = options.factory ?? 'createClient';
  return [
    `// Generated by panini client from the AsyncAPI document of ${String(info['title'])} ${String(info['version'])}. Do not edit: generate it again.`,
    RUNTIME,
    ...types.map((t) => `${t}\n`),
    `/** A client for ${String(info['title'])}: one method per operation it receives. */`,
    `export function ${factory}(nc: Connection, defaults: { timeout?: number } = {}) {`,
    '  const timeout = defaults.timeout ?? 5000;',
    '  return {',
    ...methods,
    '  };',
    '}',
    '',
  ].join('\n');
}

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
