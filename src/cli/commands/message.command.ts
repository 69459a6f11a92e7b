import { NatsClient } from '../../client/nats-client.js';
import { createLogger } from '../../logging/create-logger.js';
import { NoRespondersError, RemoteError, RequestTimeoutError } from '../../pipeline/errors.js';
import { InvalidSubjectError } from '../../transport/subject-rules.js';
import { PayloadTooLargeError } from '../../transport/payload-rules.js';
import { NatsTransport } from '../../transport/nats.transport.js';
import { CliError } from '../cli-error.js';

export interface MessageOptions {
  server?: string;
  timeout?: string;
  header?: string[];
  replyTo?: string;
}

export function parsePayload(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new CliError('usage', `the payload is not valid JSON (${(err as Error).message}); quote it for your shell, e.g. '{"sku":"apple"}' or '"plain text"'`);
  }
}

export function parseHeaders(list: string[] = []): Record<string, string> | undefined {
  if (!list.length) return undefined;
  const out: Record<string, string> = {};
  for (const item of list) {
    const at = item.indexOf(':');
    if (at <= 0) throw new CliError('usage', `a header must look like name:value (got "${item}")`);
    out[item.slice(0, at).trim()] = item.slice(at + 1).trim();
  }
  return out;
}

function parseTimeout(text: string | undefined): number {
  if (text === undefined) return 5000;
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0) throw new CliError('usage', `--timeout must be a whole number of milliseconds above 0 (got "${text}")`);
  return n;
}

async function withClient<T>(options: MessageOptions, timeout: number, work: (client: NatsClient) => Promise<T>): Promise<T> {
  const servers = options.server ?? process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';
  const transport = new NatsTransport('panini-cli', { servers, maxReconnectAttempts: 0, timeout });
  try {
    await transport.connect();
  } catch (err) {
    throw new CliError('connection', `${(err as Error).message}\nIs the service's NATS server running? Pass --server <url> or set NATS_URL.`);
  }
  const client = new NatsClient(transport, createLogger({ silent: true }), { requestTimeout: timeout, validation: {} });
  try {
    return await work(client);
  } catch (err) {
    throw explain(err);
  } finally {
    await transport.close().catch(() => undefined);
  }
}

function explain(err: unknown): unknown {
  if (RemoteError.is(err)) {
    const details = err.details === undefined ? '' : `\n${JSON.stringify(err.details, null, 2)}`;
    return new CliError('remote', `error ${err.code} from '${err.subject ?? '?'}': ${err.message}${details}`);
  }
  if (NoRespondersError.is(err)) return new CliError('remote', `${err.message}: is the service running and connected to this NATS server?`);
  if (RequestTimeoutError.is(err)) return new CliError('remote', err.message);
  if (InvalidSubjectError.is(err)) return new CliError('usage', err.message);
  if (PayloadTooLargeError.is(err)) return new CliError('usage', err.message);
  return err;
}

function print(value: unknown): void {
  if (value === undefined) process.stderr.write('(empty reply)\n');
  else if (typeof value === 'string') process.stdout.write(`${value}\n`);
  else process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** `panini request <subject> [json]`: prints the reply, or the remote error with its code. */
export async function requestCommand(subject: string, json: string | undefined, options: MessageOptions): Promise<number> {
  const payload = parsePayload(json);
  const headers = parseHeaders(options.header);
  const timeout = parseTimeout(options.timeout);
  const reply = await withClient(options, timeout, (c) => c.request(subject, payload, { timeout, headers }));
  print(reply);
  return 0;
}

/** `panini publish <subject> [json]`: publishes and waits until the server has it. */
export async function publishCommand(subject: string, json: string | undefined, options: MessageOptions): Promise<number> {
  const payload = parsePayload(json);
  const headers = parseHeaders(options.header);
  const timeout = parseTimeout(options.timeout);
  await withClient(options, timeout, async (c) => {
    c.publish(subject, payload, { headers, replyTo: options.replyTo });
    await c.flush();
  });
  process.stdout.write(`published to ${subject}${options.replyTo ? ` (replies go to ${options.replyTo})` : ''}\n`);
  return 0;
}
