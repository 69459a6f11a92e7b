export { Supervisor, type SupervisorOptions, type SupervisedProcess } from './supervisor.js';
export { runWorkers, superviseWorkers, workerCount, WORKER_ENV, type WorkersOptions } from './run-workers.js';
