import { hostileSuite } from './hostile-suite.js';
import { NatsHostileTarget } from './nats-hostile.target.js';

hostileSuite('a real nats-server', () => NatsHostileTarget.start());
