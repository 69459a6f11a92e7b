/**
 * The logging worker: formats records and writes them to standard output and the log files,
 * so the main thread only hands plain records over. Started by `WorkerSink`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { LogOutputs } from './log-outputs.js';
import { fromWire } from './log-record.js';
import type { ResolvedLogging } from './resolve-logging.js';
import type { FromWorker, ToWorker } from './worker-protocol.js';

const port = parentPort!;
const outputs = new LogOutputs(workerData as ResolvedLogging, { console: 'manual', files: 'manual' });
const reply = (m: FromWorker): void => port.postMessage(m);

port.on('message', (m: ToWorker) => {
  switch (m.type) {
    case 'batch':
      for (const rec of fromWire(m.records)) outputs.write(rec);
      // written with one system call per output before saying so, so an ack means "on disk"
      outputs.flushSync();
      reply({ type: 'ack', seq: m.seq });
      break;
    case 'flush':
      outputs.flushSync();
      reply({ type: 'flushed', id: m.id });
      break;
    case 'close':
      outputs.close();
      reply({ type: 'closed' });
      port.close();
      break;
  }
});
