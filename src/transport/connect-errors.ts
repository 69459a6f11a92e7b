import { connect as tcpConnect } from 'node:net';
import { resolveServers, splitUrlCredentials, type ConnectionOptions } from './connection-options.js';

const PROBE_MS = 2000;

/**
 * Why the first connection failed, in words a user can act on. A TLS server that verifies
 * client certificates closes the handshake of a client without one, and nats.js only sees a
 * timeout; the server's INFO line (sent in clear before the TLS upgrade) says `tls_verify`, so it
 * is read once, only after such a failure, to tell that case apart.
 */
export async function explainConnectError(err: unknown, options: ConnectionOptions): Promise<string> {
  const message = (err as Error)?.message ?? String(err);
  const tls = options.tls ?? options.nats?.tls;
  const hasCert = tls ? Boolean(tls.certFile || tls.cert) : false;
  if (hasCert || (err as Error)?.name !== 'TimeoutError') return message;
  const first = splitUrlCredentials(resolveServers(options.servers)).servers[0];
  const info = first ? await probeInfo(first) : undefined;
  if (info?.['tls_verify'] === true) {
    return `${message}: the server requires a TLS client certificate and none was given; set tls: { certFile, keyFile } (and caFile for its CA)`;
  }
  return message;
}

/** Reads the server's INFO line; undefined when it cannot be read in time. */
function probeInfo(url: string): Promise<Record<string, unknown> | undefined> {
  const m = /^(?:[a-z]+:\/\/)?\[?([^\]/]*?)\]?(?::(\d+))?\/?$/i.exec(url);
  if (!m) return Promise.resolve(undefined);
  const host = m[1] || '127.0.0.1';
  const port = Number(m[2] ?? 4222);
  return new Promise((resolve) => {
    let buf = '';
    const socket = tcpConnect({ host, port });
    const done = (v: Record<string, unknown> | undefined): void => { socket.destroy(); resolve(v); };
    socket.setTimeout(PROBE_MS, () => done(undefined));
    socket.on('error', () => done(undefined));
    socket.on('data', (chunk: Buffer) => {
      buf += chunk.toString('latin1');
      const eol = buf.indexOf('\r\n');
      if (eol < 0) return;
      const line = /^INFO\s+(.*)$/.exec(buf.slice(0, eol));
      try {
        done(line ? (JSON.parse(line[1]!) as Record<string, unknown>) : undefined);
      } catch {
        done(undefined);
      }
    });
  });
}
