import type { StreamDeclaration } from '@panini/core/jetstream';

/**
 * Every order event (`events.orders.<id>.<what>`), kept for a week in a file-storage stream, so a
 * consumer that was down (inventory being deployed) reads what it missed when it comes back.
 */
export const ORDER_EVENTS: StreamDeclaration = {
  name: 'ORDER_EVENTS',
  subjects: ['events.orders.>'],
  storage: 'file',
  maxAge: 7 * 24 * 3600_000,
};
