import { connect as tcpConnect, type Socket } from 'node:net';

/** A message as the raw client received it: the header block is kept as the bytes sent. */
export interface RawMessage {
  subject: string;
  reply?: string;
  /** The header block as text (`NATS/1.0 ...\r\n...`), undefined for MSG. */
  headerBlock?: string;
  data: Buffer;
}

/**
 * A bare NATS protocol client over a TCP socket, for tests that must send what nats.js refuses
 * to build: malformed header blocks, odd status lines, raw bytes. Loopback only.
 * @example
 * const raw = await RawNats.connect(server.port);
 * raw.hpub('svc.echo', 'NATS/1.0\r\nbad name: x\r\n\r\n', '{}', inbox);
 */
export class RawNats {
  private buf = Buffer.alloc(0);
  private sid = 0;
  private readonly subs = new Map<string, (m: RawMessage) => void>();
  private pongs: Array<() => void> = [];

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buf = Buffer.concat([this.buf, chunk]);
      this.parse();
    });
    socket.on('error', () => undefined);
  }

  /** Connects to `127.0.0.1:port` and waits until the server answered a PING. */
  static async connect(port: number, connectOptions: Record<string, unknown> = {}): Promise<RawNats> {
    const socket = tcpConnect({ host: '127.0.0.1', port });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    const raw = new RawNats(socket);
    socket.write(`CONNECT ${JSON.stringify({ verbose: false, pedantic: false, headers: true, no_responders: true, protocol: 1, ...connectOptions })}\r\n`);
    await raw.ping();
    return raw;
  }

  /** Resolves once the server has processed everything sent before. */
  ping(): Promise<void> {
    return new Promise((resolve) => {
      this.pongs.push(resolve);
      this.socket.write('PING\r\n');
    });
  }

  pub(subject: string, data: string | Buffer, reply?: string): void {
    const body = Buffer.from(data);
    this.socket.write(`PUB ${subject}${reply ? ` ${reply}` : ''} ${body.length}\r\n`);
    this.socket.write(Buffer.concat([body, Buffer.from('\r\n')]));
  }

  /** Publishes with a header block sent byte for byte, valid or not. */
  hpub(subject: string, headerBlock: string | Buffer, data: string | Buffer, reply?: string): void {
    const h = Buffer.from(headerBlock);
    const body = Buffer.from(data);
    this.socket.write(`HPUB ${subject}${reply ? ` ${reply}` : ''} ${h.length} ${h.length + body.length}\r\n`);
    this.socket.write(Buffer.concat([h, body, Buffer.from('\r\n')]));
  }

  subscribe(subject: string, onMessage: (m: RawMessage) => void): void {
    const sid = String(++this.sid);
    this.subs.set(sid, onMessage);
    this.socket.write(`SUB ${subject} ${sid}\r\n`);
  }

  /** Sends a request with a raw header block and resolves with the first reply. */
  async request(subject: string, headerBlock: string | Buffer | undefined, data: string | Buffer): Promise<RawMessage> {
    const inbox = `_RAW_INBOX.${Math.random().toString(36).slice(2)}`;
    const reply = new Promise<RawMessage>((resolve) => this.subscribe(inbox, resolve));
    await this.ping();
    if (headerBlock === undefined) this.pub(subject, data, inbox);
    else this.hpub(subject, headerBlock, data, inbox);
    return reply;
  }

  close(): void {
    this.socket.destroy();
  }

  private parse(): void {
    for (;;) {
      const eol = this.buf.indexOf('\r\n');
      if (eol < 0) return;
      const line = this.buf.subarray(0, eol).toString('latin1');
      const [op, ...args] = line.split(' ');
      if (op === 'MSG' || op === 'HMSG') {
        const isH = op === 'HMSG';
        const total = Number(args[args.length - 1]);
        const hlen = isH ? Number(args[args.length - 2]) : 0;
        const fixed = isH ? 4 : 3;
        const reply = args.length > fixed ? args[2] : undefined;
        const end = eol + 2 + total + 2;
        if (this.buf.length < end) return;
        const body = this.buf.subarray(eol + 2, eol + 2 + total);
        const msg: RawMessage = {
          subject: args[0]!,
          reply,
          headerBlock: isH ? body.subarray(0, hlen).toString('latin1') : undefined,
          data: Buffer.from(body.subarray(hlen)),
        };
        this.buf = this.buf.subarray(end);
        this.subs.get(args[1]!)?.(msg);
        continue;
      }
      this.buf = this.buf.subarray(eol + 2);
      if (op === 'PING') this.socket.write('PONG\r\n');
      else if (op === 'PONG') this.pongs.shift()?.();
    }
  }
}
