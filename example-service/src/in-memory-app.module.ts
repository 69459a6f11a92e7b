import { Module } from '@panini/core';
import { coreModules } from './core-modules.js';

/**
 * The service without JetStream, for `npm start` on the in-memory transport (no NATS at all),
 * which keeps no streams: order events are not kept, and a cancellation releases no stock.
 */
@Module({ imports: coreModules })
export class InMemoryAppModule {}
