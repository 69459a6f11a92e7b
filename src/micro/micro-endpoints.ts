import type { HandlerDefinition } from '../scanner/handler-definition.js';
import { planQueues } from '../scanner/queue-groups.js';
import { MICRO_NAME } from './micro-options.js';

/** One endpoint as `$SRV.INFO` lists it, with the handler behind it. */
export interface MicroEndpoint {
  readonly name: string;
  readonly subject: string;
  /** '' when the handler subscribes without a queue group. */
  readonly queueGroup: string;
  readonly def: HandlerDefinition;
}

const kebab = (s: string): string => s.replace(/([a-z0-9])([A-Z])/g, '$1-$2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2').toLowerCase();

/**
 * The default endpoint name of a handler: controller without its `Controller` suffix, then the
 * method, both kebab-case (`OrdersController.createOrder` -> `orders-create-order`), since
 * `$SRV` names may hold only letters, digits, '_' and '-'.
 */
export function defaultEndpointName(def: HandlerDefinition): string {
  const controller = def.controller.name.replace(/Controller$/, '') || def.controller.name;
  return `${kebab(controller)}-${kebab(def.method)}`.replace(/[^A-Za-z0-9_-]/g, '_');
}

/**
 * The endpoints of a service: its core `@Subject` handlers that answer requests (observe-only
 * `reply: false` handlers are not endpoints), with the queue groups their subscriptions use.
 * A method with several subjects gets `-2`, `-3`... on the later ones. Pure.
 * @throws RangeError for an `endpoint` option that is not a valid name, or one used twice.
 */
export function microEndpoints(handlers: readonly HandlerDefinition[], service: string): MicroEndpoint[] {
  const core = handlers.filter((h) => h.source === undefined);
  const { queues } = planQueues(core, service);
  const taken = new Map<string, HandlerDefinition>();
  const out: MicroEndpoint[] = [];
  core.forEach((def, i) => {
    if (def.options.reply === false) return;
    const given = def.options.endpoint;
    if (given !== undefined) {
      if (!MICRO_NAME.test(given)) throw new RangeError(`${def.name}: endpoint '${given}' is not a valid $SRV endpoint name: use only letters, digits, '_' and '-', e.g. 'create-order'`);
      const other = taken.get(given);
      if (other !== undefined) throw new RangeError(`${def.name}: endpoint '${given}' is already the name of ${other.name}'s endpoint: give one of them another endpoint name`);
    }
    let name = given ?? defaultEndpointName(def);
    for (let n = 2; given === undefined && taken.has(name); n++) name = `${defaultEndpointName(def)}-${n}`;
    taken.set(name, def);
    const q = queues[i]!;
    out.push({ name, subject: def.subject, queueGroup: q === false ? '' : q, def });
  });
  return out;
}
