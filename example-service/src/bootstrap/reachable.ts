import { connect } from 'node:net';

/** True when something accepts TCP connections at one of the NATS URLs (comma-separated). */
export function reachable(urls: string, timeoutMs = 1000): Promise<boolean> {
  const targets = urls.split(',').map((u) => u.trim()).filter(Boolean).map((u) => {
    const url = new URL(u.includes('://') ? u : `nats://${u}`);
    return { host: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port || 4222) };
  });
  return Promise.all(targets.map((t) => new Promise<boolean>((resolve) => {
    const socket = connect({ host: t.host, port: t.port });
    const done = (ok: boolean): void => { socket.destroy(); resolve(ok); };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  }))).then((results) => results.some(Boolean));
}
