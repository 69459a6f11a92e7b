/**
 * OpenTelemetry messaging semantic conventions (v1.26+ names), spelled out here so
 * `@opentelemetry/semantic-conventions` is not one more dependency.
 */
export const ATTR = {
  system: 'messaging.system',
  operationName: 'messaging.operation.name',
  operationType: 'messaging.operation.type',
  destination: 'messaging.destination.name',
  template: 'messaging.destination.template',
  temporary: 'messaging.destination.temporary',
  group: 'messaging.consumer.group.name',
  bodySize: 'messaging.message.body.size',
  errorType: 'error.type',
} as const;

export const NATS = 'nats';

/** Reply inboxes are temporary destinations (`_INBOX.` is the NATS convention). */
export function isInbox(subject: string): boolean {
  return subject.startsWith('_INBOX.');
}
