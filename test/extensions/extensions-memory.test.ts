import { MemoryTransport } from '../../src/testing/index.js';
import { extensionCases } from './extension-cases.js';

extensionCases('the memory transport', async () => ({ options: { transport: new MemoryTransport() }, dispose: async () => undefined }));
