import { randomUUID } from 'node:crypto';
import { NatsTransport } from '../../transport/nats.transport.js';
import { CliError } from '../cli-error.js';

export interface ServicesOptions {
  server?: string;
  /** How long to collect answers, in ms (text from the command line). */
  wait?: string;
  prefix?: string;
  json?: boolean;
}

/** One `$SRV` answer and how long after the question it came, in ms. */
export interface Answer { body: Record<string, unknown>; rttMs: number }

function parseWait(text: string | undefined): number {
  if (text === undefined) return 1000;
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0) throw new CliError('usage', `--wait must be a whole number of milliseconds above 0 (got "${text}")`);
  return n;
}

/**
 * Asks `subject` and collects every answer for `--wait` ms, as `nats micro` does: every instance
 * of every service answers, so there is no single reply to wait for.
 */
export async function discover(subject: string, options: ServicesOptions): Promise<Answer[]> {
  const wait = parseWait(options.wait);
  const servers = options.server ?? process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';
  const transport = new NatsTransport('panini-cli', { servers, maxReconnectAttempts: 0, timeout: Math.max(wait, 2000) });
  try {
    await transport.connect();
  } catch (err) {
    throw new CliError('connection', `${(err as Error).message}\nIs the NATS server running? Pass --server <url> or set NATS_URL.`);
  }
  const answers: Answer[] = [];
  const decoder = new TextDecoder();
  const inbox = `_INBOX.${randomUUID().replace(/-/g, '')}`;
  try {
    const sent = performance.now();
    const sub = transport.subscribe(inbox, (msg) => {
      try {
        answers.push({ body: JSON.parse(decoder.decode(msg.data)) as Record<string, unknown>, rttMs: performance.now() - sent });
      } catch {
        // not a $SRV answer (another tool on the same subject): left out of the list
      }
    });
    transport.publish(subject, new Uint8Array(), { reply: inbox });
    await transport.flush();
    await new Promise((resolve) => setTimeout(resolve, wait));
    sub.unsubscribe();
  } finally {
    await transport.close().catch(() => undefined);
  }
  return answers;
}
