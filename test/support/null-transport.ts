import type { InboundMessage, Transport, TransportState, TransportSubscription } from '../../src/index.js';

/** A transport that connects to nothing: for tests of wiring and lifecycle, where no message moves. */
export class NullTransport implements Transport {
  readonly kind = 'null';
  readonly maxPayload = 1024 * 1024;
  readonly servers = ['null://'];
  state: TransportState = 'idle';
  readonly subscribed: string[] = [];
  async connect(): Promise<void> { this.state = 'connected'; }
  publish(): void {}
  subscribe(subject: string): TransportSubscription {
    this.subscribed.push(subject);
    return { subject, unsubscribe: () => undefined, drain: async () => undefined };
  }
  request(subject: string): Promise<InboundMessage> { return Promise.reject(new Error(`null transport cannot request ${subject}`)); }
  async flush(): Promise<void> {}
  async drain(): Promise<void> { this.state = 'closed'; }
  async close(): Promise<void> { this.state = 'closed'; }
  onEvent(): () => void { return () => undefined; }
}
