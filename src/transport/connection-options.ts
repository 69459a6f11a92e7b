import { readFileSync } from 'node:fs';
import { credsAuthenticator, nkeyAuthenticator, type Authenticator } from '@nats-io/transport-node';
import type { NodeConnectionOptions } from '@nats-io/transport-node';

/** How to reach NATS. Everything is optional: by default `NATS_URL` or `nats://127.0.0.1:4222`. */
export interface ConnectionOptions {
  /** One URL or a cluster's list. Default: `NATS_URL` from the environment, else `127.0.0.1:4222`. */
  servers?: string | string[];
  user?: string;
  pass?: string;
  token?: string;
  /** An nkey seed (`SU...`). */
  nkey?: string;
  /** Path to a `.creds` file (JWT + nkey seed). */
  credsFile?: string;
  tls?: NodeConnectionOptions['tls'];
  /** Keep reconnecting forever by default (`-1`). */
  maxReconnectAttempts?: number;
  reconnectTimeWait?: number;
  /** Milliseconds to wait for the first connection. */
  timeout?: number;
  /**
   * Periodic check that the connection still reads: a PING that must be answered within
   * `timeout` ms, every `interval` ms (defaults 10000 and 5000). A connection that fails it is
   * reported not ready and reconnected. `false` turns the check off.
   */
  livenessCheck?: { interval?: number; timeout?: number } | false;
  /** Anything else nats.js accepts, passed through as is. */
  nats?: Partial<NodeConnectionOptions>;
}

const NATS_SCHEMES = new Set(['nats', 'tls', 'ws', 'wss']);

/**
 * The server URLs to connect to: `servers`, else `NATS_URL`, else `nats://127.0.0.1:4222`.
 * @throws Error when the list is blank (an empty `NATS_URL` would otherwise mean the default
 *   server, silently) or a URL has a scheme NATS does not speak (`http://...`); the message quotes
 *   what was read.
 */
export function resolveServers(servers: string | string[] | undefined): string[] {
  const fromEnv = servers === undefined ? process.env['NATS_URL'] : undefined;
  const list = servers ?? fromEnv ?? 'nats://127.0.0.1:4222';
  const what = fromEnv !== undefined ? 'NATS_URL' : 'servers';
  const urls = (Array.isArray(list) ? list : list.split(',')).map((s) => s.trim()).filter(Boolean);
  if (urls.length === 0) {
    throw new Error(`${what} is empty (read ${JSON.stringify(list)}); set it to a NATS URL such as nats://127.0.0.1:4222, or unset it for that default`);
  }
  for (const url of urls) {
    const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url)?.[1]?.toLowerCase();
    if (scheme !== undefined && !NATS_SCHEMES.has(scheme)) {
      throw new Error(`${what} has a URL NATS cannot use: ${JSON.stringify(redactUrl(url))} (scheme ${scheme}://; use nats://, tls://, ws://, wss:// or host:port)`);
    }
  }
  return urls;
}

/** Removes credentials from a URL so it can be logged. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)?[^/]*@/i, '$1***@');
}

/** Credentials written in a server URL (`nats://user:pass@host`, `nats://token@host`), URL-decoded. */
export interface UrlCredentials { user?: string; pass?: string; token?: string }

/**
 * Splits the userinfo off every server URL, as the Go client and the `nats` CLI read it. nats.js
 * ignores it, so it is turned into `user`/`pass`/`token` options; the first URL carrying some wins.
 */
export function splitUrlCredentials(servers: string[]): { servers: string[]; credentials: UrlCredentials | undefined } {
  let credentials: UrlCredentials | undefined;
  const bare = servers.map((url) => {
    const m = /^([a-z][a-z0-9+.-]*:\/\/)?([^/]*)@([^@/]*\/?)$/i.exec(url);
    if (!m) return url;
    const [, scheme = '', info = '', rest = ''] = m;
    if (credentials === undefined && info !== '') {
      const colon = info.indexOf(':');
      credentials = colon < 0
        ? { token: decodeURIComponent(info) }
        : { user: decodeURIComponent(info.slice(0, colon)), pass: decodeURIComponent(info.slice(colon + 1)) };
    }
    return scheme + rest;
  });
  return { servers: bare, credentials };
}

export function toNatsOptions(name: string, o: ConnectionOptions): NodeConnectionOptions {
  const { servers, credentials: fromUrl } = splitUrlCredentials(resolveServers(o.servers));
  // explicit options win over credentials written in a URL
  const explicit = o.user !== undefined || o.token !== undefined || o.nkey !== undefined || o.credsFile !== undefined;
  const url = explicit ? undefined : fromUrl;
  const authenticator: Authenticator[] = [];
  if (o.nkey) authenticator.push(nkeyAuthenticator(new TextEncoder().encode(o.nkey)));
  if (o.credsFile) authenticator.push(credsAuthenticator(readFileSync(o.credsFile)));
  return {
    name,
    servers,
    maxReconnectAttempts: o.maxReconnectAttempts ?? -1,
    reconnectTimeWait: o.reconnectTimeWait ?? 1000,
    waitOnFirstConnect: false,
    // nats.js builds two Error objects with stack traces for every request it sends (a JetStream
    // ack the server confirms, an API call) to tell where a timeout came from; Panini names the
    // operation in its own errors, and those traces were a third of a JetStream consumer's CPU.
    // `nats: { noAsyncTraces: false }` brings them back.
    noAsyncTraces: true,
    ...(o.timeout !== undefined ? { timeout: o.timeout } : {}),
    ...(o.user !== undefined ? { user: o.user, pass: o.pass } : {}),
    ...(o.token !== undefined ? { token: o.token } : {}),
    ...(url?.user !== undefined ? { user: url.user, pass: url.pass } : {}),
    ...(url?.token !== undefined ? { token: url.token } : {}),
    ...(authenticator.length ? { authenticator } : {}),
    ...(o.tls !== undefined ? { tls: o.tls } : {}),
    ...o.nats,
  };
}

const SECRET_KEYS = new Set(['pass', 'password', 'token', 'nkey', 'seed', 'credsFile', 'authenticator', 'tls']);

/** A copy of connection options safe to log: secrets replaced by '***'. */
export function redactOptions(o: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (SECRET_KEYS.has(k)) out[k] = v === undefined ? undefined : '***';
    else if (k === 'servers') out[k] = resolveServers(v as string | string[]).map(redactUrl);
    else if (v && typeof v === 'object' && !Array.isArray(v)) out[k] = redactOptions(v);
    else out[k] = v;
  }
  return out;
}
