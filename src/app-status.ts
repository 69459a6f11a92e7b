import type { Transport, TransportState } from './transport/transport.js';

export type AppPhase = 'created' | 'starting' | 'running' | 'stopping' | 'stopped';

export interface Readiness {
  ready: boolean;
  phase: AppPhase;
  transport: TransportState;
  subscriptions: { active: number; expected: number };
}

/**
 * Where the app is in its life; what `/readyz` reports. Injectable by type.
 * Ready means: running, the transport connected, and every subscription active.
 */
export class AppStatus {
  phase: AppPhase = 'created';
  expectedSubscriptions = 0;
  activeSubscriptions = 0;

  constructor(private readonly transport: Transport) {}

  readiness(): Readiness {
    const transport = this.transport.state;
    return {
      ready: this.phase === 'running' && transport === 'connected' && this.activeSubscriptions === this.expectedSubscriptions,
      phase: this.phase,
      transport,
      subscriptions: { active: this.activeSubscriptions, expected: this.expectedSubscriptions },
    };
  }
}
