/**
 * The control channel between the harness and its worker processes. It runs over the IPC pipe
 * of `child_process.fork`, never over NATS, so control traffic does not disturb what is measured.
 */
export interface Call {
  id: number;
  cmd: string;
  args?: unknown;
}

export type Answer =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: string };

/** Arguments of the `setup` call every role answers first. */
export interface SetupArgs {
  url: string;
  /**
   * First token of every subject this worker serves. Each side of a scenario has its own, since
   * all workers share one server and a shared queue group would split the messages between them.
   */
  prefix: string;
}

/** What a role is: named commands, each answered once. `setup` and `close` are always there. */
export interface Role {
  setup(args: SetupArgs): Promise<unknown>;
  close(): Promise<void>;
  [cmd: string]: (args: never) => unknown;
}

export function isCall(m: unknown): m is Call {
  return typeof m === 'object' && m !== null && typeof (m as Call).id === 'number' && typeof (m as Call).cmd === 'string';
}

export function isAnswer(m: unknown): m is Answer {
  return typeof m === 'object' && m !== null && typeof (m as Answer).id === 'number' && typeof (m as Answer).ok === 'boolean';
}
