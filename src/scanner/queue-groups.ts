import type { HandlerDefinition } from './handler-definition.js';
import { subjectsOverlap } from './subject-overlap.js';

/** Two handlers that could both answer one request: the caller would get whichever is first. */
export interface AnswerConflict { a: HandlerDefinition; b: HandlerDefinition }

export interface QueuePlan {
  /** The queue group of each handler, in the order given; false means none (every instance). */
  queues: Array<string | false>;
  conflicts: AnswerConflict[];
}

/**
 * Chooses the queue group of every handler of one service. An explicit `queue` (handler, then
 * controller) wins. Otherwise the service name, so instances share the load, unless another
 * method of the service could receive the same message in that group: members of one queue
 * group compete for a message whatever subject they subscribed, so each such handler gets its
 * own group `<service>.<Controller>.<method>` and sees every message once per service.
 * Several `@Subject`s of one method share the group, so the method runs once per message.
 * Pure.
 */
export function planQueues(handlers: readonly HandlerDefinition[], service: string): QueuePlan {
  const explicit = handlers.map((h) => h.options.queue ?? h.controllerQueue);
  const queues = handlers.map((h, i): string | false => {
    const q = explicit[i];
    if (q !== undefined) return q;
    const competes = handlers.some((o, j) => o.name !== h.name && (explicit[j] === undefined || explicit[j] === service) && subjectsOverlap(h.subject, o.subject));
    return competes ? `${service}.${h.name}` : service;
  });
  const conflicts: AnswerConflict[] = [];
  for (let i = 0; i < handlers.length; i++) {
    for (let j = i + 1; j < handlers.length; j++) {
      const a = handlers[i]!;
      const b = handlers[j]!;
      if (a.name === b.name || a.options.reply === false || b.options.reply === false) continue;
      if (subjectsOverlap(a.subject, b.subject)) conflicts.push({ a, b });
    }
  }
  return { queues, conflicts };
}

/** The start-up warning for a conflict: both handlers, both subjects, and how to fix it. */
export function describeConflict({ a, b }: AnswerConflict): string {
  return `${a.name} ('${a.pattern}') and ${b.name} ('${b.pattern}') can both receive one request and both answer it, so the caller gets whichever answers first: ` +
    `narrow one of the subjects, or make the one that should not answer observe-only with { reply: false } in its @Subject options`;
}
