// the header rules belong to the transport boundary; kept importable from here, where they were first
export { toWireHeaders } from '../transport/header-rules.js';
