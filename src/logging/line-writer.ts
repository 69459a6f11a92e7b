import { closeSync, fstatSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';

export interface LineWriterOptions {
  /** A file to append to (opened now, so an unwritable path fails at once)... */
  path?: string;
  /** ...or an open descriptor (1 for standard output). */
  fd?: number;
  /** Rotate before a line would take the file past this many bytes (files only). */
  maxSize?: number;
  /** Rotated files kept: `<path>.1` (newest) .. `<path>.<maxFiles>`. */
  maxFiles?: number;
  /**
   * When buffered lines are written: 'immediate' (each line at once), 'soon' (on the next turn
   * of the event loop, the main thread's choice) or 'manual' (on `flushSync`, the worker's choice).
   */
  flush?: 'immediate' | 'soon' | 'manual';
  /** Told about a failed write (the lines of that write are dropped, the writer keeps going). */
  onError?: (err: Error, target: string) => void;
}

const HIGH_WATER = 64 * 1024;
const open = new Set<LineWriter>();
let exitHook = false;

/**
 * Appends lines with few system calls: lines are buffered and written synchronously in chunks,
 * on the next turn of the event loop or once 64 KiB are waiting. Synchronous writes keep order
 * and lose nothing on `process.exit()` (an exit hook writes what is left).
 */
export class LineWriter {
  private fd: number;
  private buf = '';
  private size = 0;
  private scheduled = false;
  private closed = false;
  private readonly reported = new Set<string>();
  readonly target: string;

  constructor(private readonly o: LineWriterOptions) {
    this.target = o.path ?? `fd ${o.fd}`;
    if (o.path !== undefined) {
      this.fd = openSync(o.path, 'a');
      this.size = fstatSync(this.fd).size;
    } else this.fd = o.fd ?? 1;
    open.add(this);
    if (!exitHook) {
      exitHook = true;
      process.on('exit', () => { for (const w of open) w.flushSync(); });
    }
  }

  append(line: string): void {
    if (this.closed) return;
    const maxSize = this.o.maxSize;
    if (maxSize !== undefined && this.o.path !== undefined) {
      const bytes = Buffer.byteLength(line) + 1;
      if (this.size > 0 && this.size + bytes > maxSize) this.rotate();
      this.size += bytes;
    }
    this.buf += `${line}\n`;
    if (this.buf.length >= HIGH_WATER || this.o.flush === 'immediate') this.flushSync();
    else if (this.o.flush === 'soon' && !this.scheduled) {
      this.scheduled = true;
      setImmediate(this.onImmediate);
    }
  }

  private readonly onImmediate = (): void => {
    this.scheduled = false;
    this.flushSync();
  };

  /** Writes every buffered line now. */
  flushSync(): void {
    if (this.buf === '') return;
    const data = Buffer.from(this.buf);
    this.buf = '';
    try {
      writeAllSync(this.fd, data);
    } catch (err) {
      this.report(err as NodeJS.ErrnoException);
    }
  }

  /** Flushes and closes the file (a descriptor passed in is left open). */
  close(): void {
    if (this.closed) return;
    this.flushSync();
    this.closed = true;
    open.delete(this);
    if (this.o.path !== undefined) closeSync(this.fd);
  }

  private rotate(): void {
    const path = this.o.path!;
    const keep = this.o.maxFiles ?? 5;
    this.flushSync();
    try {
      closeSync(this.fd);
      if (keep === 0) unlinkSync(path);
      for (let i = keep; i >= 1; i--) {
        try {
          renameSync(i === 1 ? path : `${path}.${i - 1}`, `${path}.${i}`);
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
        }
      }
      this.fd = openSync(path, 'a');
      this.size = fstatSync(this.fd).size;
    } catch (err) {
      // the next writes fail and are reported too; logging must never throw into the caller
      this.size = 0;
      this.report(err as NodeJS.ErrnoException);
    }
  }

  private report(err: NodeJS.ErrnoException): void {
    const key = err.code ?? err.message;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    if (this.o.onError) this.o.onError(err, this.target);
    else {
      try {
        writeSync(2, `{"level":"error","message":"cannot write log lines to ${this.target}: ${err.message}; lines are dropped until it works again"}\n`);
      } catch {
        // standard error is gone too: nowhere left to tell
      }
    }
  }
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/** writeSync until every byte is out: handles short writes, and EAGAIN on a non-blocking pipe. */
function writeAllSync(fd: number, data: Buffer): void {
  let off = 0;
  let retries = 0;
  while (off < data.length) {
    try {
      off += writeSync(fd, data, off, data.length - off);
      retries = 0;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EAGAIN' || ++retries > 1000) throw err;
      Atomics.wait(pause, 0, 0, 1);
    }
  }
}
