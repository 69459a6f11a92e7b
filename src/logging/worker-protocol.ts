/** What the main thread sends the logging worker. Messages are handled in order. */
export type ToWorker =
  /** `records` as made by `toWire`. */
  | { type: 'batch'; seq: number; records: string }
  | { type: 'flush'; id: number }
  | { type: 'close' };

/** What the logging worker answers. `ack` means the batch's lines were written. */
export type FromWorker =
  | { type: 'ack'; seq: number }
  | { type: 'flushed'; id: number }
  | { type: 'closed' };
