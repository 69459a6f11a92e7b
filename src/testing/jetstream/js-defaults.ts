import { apiErrors, type JsApiError } from './js-api-error.js';
import type { ConsumerConfig, StreamConfig } from './js-types.js';

const SECOND_NS = 1_000_000_000;

/** A stream configuration with the server's defaults filled in (nats-server stream.go `checkStreamCfg`). */
export function streamDefaults(c: Partial<StreamConfig> & { name: string }): StreamConfig {
  return {
    ...c,
    name: c.name,
    subjects: c.subjects && c.subjects.length > 0 ? [...c.subjects] : [c.name],
    retention: c.retention ?? 'limits',
    storage: c.storage ?? 'file',
    max_msgs: c.max_msgs || -1,
    max_bytes: c.max_bytes || -1,
    max_age: c.max_age ?? 0,
    max_msgs_per_subject: c.max_msgs_per_subject || -1,
    max_msg_size: c.max_msg_size || -1,
    discard: c.discard ?? 'old',
    duplicate_window: c.duplicate_window || Math.min(120 * SECOND_NS, c.max_age || Infinity),
    num_replicas: c.num_replicas || 1,
  };
}

/** Why a stream configuration is refused, or undefined. */
export function checkStreamConfig(c: StreamConfig): JsApiError | undefined {
  if (c.name === '' || /[.*> \t\r\n]/.test(c.name)) return apiErrors.streamInvalidConfig('stream name is required and can not contain \'.\', \'*\', \'>\'');
  if (c.num_replicas > 1) return apiErrors.replicasNotSupported();
  if (c.max_age > 0 && c.duplicate_window > c.max_age) return apiErrors.streamInvalidConfig('duplicates window can not be larger then max age');
  for (const s of c.subjects) if (s === '' || /\s/.test(s) || s.split('.').some((t, i, all) => t === '' || (t === '>' && i !== all.length - 1))) {
    return apiErrors.streamInvalidConfig(`invalid subject '${s}'`);
  }
  return undefined;
}

/** A consumer configuration with the server's defaults filled in (consumer.go `setConsumerConfigDefaults`). */
export function consumerDefaults(c: Partial<ConsumerConfig>): ConsumerConfig {
  const ackPolicy = c.ack_policy ?? 'explicit';
  const acked = ackPolicy !== 'none';
  const backoff = c.backoff && c.backoff.length > 0 ? [...c.backoff] : undefined;
  return {
    ...c,
    deliver_policy: c.deliver_policy ?? 'all',
    ack_policy: ackPolicy,
    ack_wait: backoff ? backoff[0]! : c.ack_wait || (acked ? 30 * SECOND_NS : 0),
    max_deliver: c.max_deliver || -1,
    max_ack_pending: c.max_ack_pending || (acked ? 1000 : 0),
    max_waiting: c.max_waiting || 512,
    replay_policy: c.replay_policy ?? 'instant',
    num_replicas: c.num_replicas ?? 0,
    ...(backoff ? { backoff } : {}),
  };
}

/** Why the server refuses to change a consumer's configuration so, or undefined (consumer.go `checkNewConsumerConfig`). */
export function checkConsumerUpdate(old: ConsumerConfig, next: ConsumerConfig): JsApiError | undefined {
  const fixed: Array<[keyof ConsumerConfig, string]> = [
    ['deliver_policy', 'deliver policy can not be updated'],
    ['opt_start_seq', 'start sequence can not be updated'],
    ['opt_start_time', 'start time can not be updated'],
    ['ack_policy', 'ack policy can not be updated'],
    ['replay_policy', 'replay policy can not be updated'],
    ['max_waiting', 'max waiting can not be updated'],
  ];
  for (const [field, why] of fixed) if (old[field] !== next[field]) return apiErrors.consumerCreate(why);
  return undefined;
}

/** Why the server refuses to change a stream's configuration so, or undefined (stream.go `update`). */
export function checkStreamUpdate(old: StreamConfig, next: StreamConfig): JsApiError | undefined {
  if (old.storage !== next.storage) return apiErrors.streamInvalidConfig('stream configuration update can not change storage type');
  if (old.retention !== next.retention) return apiErrors.streamInvalidConfig('stream configuration update can not change retention policy');
  return undefined;
}
