import { hostileSuite } from './hostile-suite.js';
import { MemoryHostileTarget } from './memory-hostile.target.js';

hostileSuite('the memory broker', () => MemoryHostileTarget.start());
