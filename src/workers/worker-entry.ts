/**
 * What `panini start --workers` runs in each worker: lets the worker's IPC channel to the
 * supervisor not keep it alive (so a service that stops on SIGTERM exits as it would alone), then
 * loads the service's entry file, named by `PANINI_WORKER_ENTRY`.
 */
import { pathToFileURL } from 'node:url';

process.channel?.unref();
const entry = process.env['PANINI_WORKER_ENTRY'];
if (!entry) throw new Error('PANINI_WORKER_ENTRY is not set: this file is run by panini start --workers');
await import(pathToFileURL(entry).href);
