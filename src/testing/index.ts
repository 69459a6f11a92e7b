/**
 * `@panini/core/testing`: the in-memory broker, the testing module and helpers to start a
 * private nats-server. Test code only; nothing here is needed in production.
 */
export { Test, TestingModuleBuilder, type TestingModuleMetadata, type TestingOptions, type OverrideBy, type OverrideModuleBy } from './testing-module.js';
export { TestingApp, type SettleOptions } from './testing-app.js';
export { MemoryTransport, TransportClosedError, type MemoryTransportOptions } from './memory.transport.js';
export { MemoryBroker, type MemoryBrokerOptions } from './memory-broker.js';
export { RecordingTransport } from './recording.transport.js';
export { TrafficRecorder, type WaitForOptions } from './traffic-recorder.js';
export { RecordedMessage, type RecordedKind } from './recorded-message.js';
export { MemoryLogger, type LogEntry, type LogLevel } from './memory.logger.js';
export { TestingError, type TestingErrorKind } from './testing.errors.js';
export { subjectMatches } from './subject-match.js';
export { startNatsServer, freePort, type NatsServerHandle, type StartNatsServerOptions, type StopSignal } from './nats-server.js';
export { startNatsCluster, type NatsClusterHandle, type NatsNodeHandle, type StartNatsClusterOptions } from './nats-cluster.js';
export { waitUntil, type WaitUntilOptions } from './wait-until.js';
export { MemoryJetStream, type MemoryJetStreamOptions } from './jetstream/memory-jetstream.js';
export { JsApiError } from './jetstream/js-api-error.js';
export type { MemoryDelivery, PullRequest, PullEnd } from './jetstream/pull-request.js';
export type {
  StreamConfig as JsStreamConfig, StreamInfo as JsStreamInfo, StreamState as JsStreamState, ConsumerConfig as JsConsumerConfig,
  ConsumerInfo as JsConsumerInfo, PubAck as JsPubAck, StoredMessage,
} from './jetstream/js-types.js';
