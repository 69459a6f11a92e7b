import 'reflect-metadata';
import { describe } from 'node:test';
import { MemoryBroker, MemoryTransport } from '../../src/testing/index.js';
import { hostileCases } from './hostile-cases.js';

describe('hostile input on the memory transport', () => {
  const broker = new MemoryBroker();
  hostileCases({ transport: () => new MemoryTransport({ broker }) });
});
