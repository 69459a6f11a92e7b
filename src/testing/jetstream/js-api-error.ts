/**
 * An error as the JetStream API answers it: `code` is the HTTP-like status, `errCode` the NATS
 * API error code and `description` the server's text, all as nats-server 2.9 sends them
 * (server/jetstream_errors_generated.go), so code that branches on them behaves the same in tests.
 */
export class JsApiError extends Error {
  constructor(readonly code: number, readonly errCode: number, readonly description: string) {
    super(`${description} (${errCode})`);
    this.name = 'JsApiError';
  }
}

/** The API errors the emulation answers, with the server's codes and texts. */
export const apiErrors = {
  streamNotFound: () => new JsApiError(404, 10059, 'stream not found'),
  streamNameExist: () => new JsApiError(400, 10058, 'stream name already in use with a different configuration'),
  subjectOverlap: () => new JsApiError(400, 10065, 'subjects overlap with an existing stream'),
  streamInvalidConfig: (why: string) => new JsApiError(500, 10052, why),
  replicasNotSupported: () => new JsApiError(500, 10074, 'replicas > 1 not supported in non-clustered mode'),
  streamNotMatch: () => new JsApiError(400, 10060, 'expected stream does not match'),
  wrongLastSequence: (seq: number) => new JsApiError(400, 10071, `wrong last sequence: ${seq}`),
  wrongLastMsgId: (id: string) => new JsApiError(400, 10070, `wrong last msg ID: ${id}`),
  messageTooLarge: () => new JsApiError(400, 10054, 'message size exceeds maximum allowed'),
  /** "maximum messages exceeded", "maximum bytes exceeded", "maximum messages per subject exceeded". */
  storeFailed: (why: string) => new JsApiError(503, 10077, why),
  rollupFailed: (why: string) => new JsApiError(500, 10111, why),
  noMessageFound: () => new JsApiError(404, 10037, 'no message found'),
  consumerNotFound: () => new JsApiError(404, 10014, 'consumer not found'),
  consumerNameExist: () => new JsApiError(400, 10013, 'consumer name already in use'),
  consumerCreate: (why: string) => new JsApiError(500, 10012, why),
  badDurableName: () => new JsApiError(400, 10103, "durable name can not contain '.', '*', '>'"),
  filterNotSubset: () => new JsApiError(400, 10093, 'consumer filter subject is not a valid subset of the interest subjects'),
  maxDeliverBackoff: () => new JsApiError(400, 10116, 'max deliver is required to be > length of backoff values'),
  pullRequiresAck: () => new JsApiError(400, 10084, 'consumer in pull mode requires ack policy'),
  wqRequiresExplicitAck: () => new JsApiError(400, 10098, 'workqueue stream requires explicit ack'),
  wqMultipleUnfiltered: () => new JsApiError(400, 10099, 'multiple non-filtered consumers not allowed on workqueue stream'),
  wqNotUnique: () => new JsApiError(400, 10100, 'filtered consumer not unique on workqueue stream'),
  wqNotDeliverAll: () => new JsApiError(400, 10101, 'consumer must be deliver all on workqueue stream'),
} as const;
