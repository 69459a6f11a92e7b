import { Worker } from 'node:worker_threads';
import { fromWire, wireOf, type LogRecord } from './log-record.js';
import { LogOutputs } from './log-outputs.js';
import type { ResolvedLogging } from './resolve-logging.js';
import { serializeError } from './redact.js';
import type { LogSink } from './thread.sink.js';
import type { FromWorker, ToWorker } from './worker-protocol.js';

const BATCH = 512;
const REPLY_TIMEOUT = 10_000;

/**
 * Hands records to a worker thread that formats and writes them. Records are sent in batches
 * (once 512 wait, or on the next turn of the event loop) and kept until the worker confirms them.
 * If the worker dies, unconfirmed records and everything after go to a main-thread sink instead,
 * with a warning. The worker keeps the process alive only while it has work.
 */
export class WorkerSink implements LogSink {
  private worker: Worker | undefined;
  /** Records waiting to be sent, already serialised (see `toWire`): nothing else is kept alive. */
  private batch = '';
  private batched = 0;
  private seq = 0;
  /** Sent batches the worker has not confirmed, to write again if it dies. */
  private readonly unacked = new Map<number, string>();
  private readonly waiters = new Map<number, () => void>();
  private nextWaiter = 0;
  private scheduled = false;
  private referenced = false;
  private closing = false;
  private fallback: LogSink | undefined;
  private closed: (() => void) | undefined;

  constructor(private readonly r: ResolvedLogging, private readonly makeFallback: () => LogSink) {
    const worker = new Worker(new URL('./log.worker.js', import.meta.url), { workerData: r, stdout: false, stderr: false });
    this.worker = worker;
    worker.unref();
    worker.on('message', this.onMessage);
    worker.on('error', (err) => this.fail(`the logging worker failed (${err.message})`, err));
    worker.on('exit', (code) => {
      // exiting while closing is expected, unless records were still unconfirmed
      if (!this.closing || this.unacked.size > 0) this.fail(`the logging worker exited with code ${code}`);
      this.closed?.();
    });
    process.on('exit', this.onProcessExit);
  }

  /** The worker thread, while it runs (for diagnostics and tests). */
  get thread(): Worker | undefined { return this.worker; }

  write(rec: LogRecord): void {
    if (this.fallback) this.fallback.write(rec);
    else this.writeWire(wireOf(rec));
  }

  /** Queues one record already serialised with `encodeRecord` (the hot path). */
  writeWire(wire: string): void {
    if (this.fallback) {
      for (const rec of fromWire(wire)) this.fallback.write(rec);
      return;
    }
    this.batch += wire;
    if (++this.batched >= BATCH) this.post();
    else if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(this.postSoon);
    }
  }

  async flush(): Promise<void> {
    if (!this.fallback && this.worker) {
      this.post();
      const id = ++this.nextWaiter;
      await this.answer('a flush', (resolve) => {
        this.waiters.set(id, resolve);
        this.send({ type: 'flush', id });
      });
    }
    // the worker may have died meanwhile: then what it had not confirmed went to the fallback
    if (this.fallback) await this.fallback.flush();
  }

  async close(): Promise<void> {
    if (!this.fallback && this.worker) {
      this.post();
      this.closing = true;
      await this.answer('close', (resolve) => {
        this.closed = resolve;
        this.send({ type: 'close' });
      });
      const worker = this.worker;
      this.worker = undefined;
      await worker?.terminate();
    }
    process.removeListener('exit', this.onProcessExit);
    await this.fallback?.close();
  }

  /** Waits for the worker's answer; a worker that hangs is treated as dead, so close() never hangs on it. */
  private answer(what: string, ask: (resolve: () => void) => void): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => this.fail(`the logging worker did not answer ${what} within ${REPLY_TIMEOUT / 1000} s`), REPLY_TIMEOUT);
      ask(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private readonly postSoon = (): void => {
    this.scheduled = false;
    this.post();
  };

  private post(): void {
    if (this.batched === 0 || !this.worker) return;
    const seq = ++this.seq;
    const records = this.batch;
    this.batch = '';
    this.batched = 0;
    this.unacked.set(seq, records);
    this.send({ type: 'batch', seq, records });
  }

  private send(m: ToWorker): void {
    if (!this.worker) return;
    this.worker.postMessage(m);
    this.updateRef();
  }

  private readonly onMessage = (m: FromWorker): void => {
    if (m.type === 'ack') this.unacked.delete(m.seq);
    else if (m.type === 'flushed') {
      this.waiters.get(m.id)?.();
      this.waiters.delete(m.id);
    } else if (m.type === 'closed') this.closed?.();
    this.updateRef();
  };

  /** Keep the process alive exactly while the worker has records or requests to answer. */
  private updateRef(): void {
    const busy = this.unacked.size > 0 || this.waiters.size > 0 || this.closing;
    if (busy === this.referenced || !this.worker) return;
    this.referenced = busy;
    if (busy) this.worker.ref();
    else this.worker.unref();
  }

  private fail(reason: string, err?: Error): void {
    if (this.fallback) return;
    const worker = this.worker;
    this.worker = undefined;
    // terminate() resolves with the exit code once the thread is gone; nothing here waits for it
    if (worker) void worker.terminate();
    this.fallback = this.makeFallback();
    const pending = [...this.unacked.values(), this.batch];
    this.unacked.clear();
    this.batch = '';
    this.batched = 0;
    for (const wire of pending) for (const rec of fromWire(wire)) this.fallback.write(rec);
    this.fallback.write({
      time: Date.now(),
      level: 'warn',
      message: `${reason}; logging on the main thread from now on (lines it had not confirmed were written again here)`,
      fields: { ...(this.r.service !== undefined ? { service: this.r.service } : {}), context: 'Logging', ...(err ? { error: serializeError(err) } : {}) },
    });
    for (const resolve of this.waiters.values()) resolve();
    this.waiters.clear();
    this.closed?.();
  }

  /** A hard exit does not wait for the worker: write what it has not confirmed here, synchronously. */
  private readonly onProcessExit = (): void => {
    if (this.fallback || this.closing) return;
    const pending = [...this.unacked.values(), this.batch];
    if (!pending.some((p) => p.length > 0)) return;
    try {
      const outputs = new LogOutputs(this.r, { console: 'manual', files: 'manual' });
      for (const wire of pending) for (const rec of fromWire(wire)) outputs.write(rec);
      outputs.close();
    } catch {
      // the process is exiting and the outputs cannot be opened: nothing more can be done
    }
  };
}
