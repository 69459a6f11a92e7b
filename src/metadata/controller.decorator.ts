import { getOwn, metaKey, set } from './reflect.js';
import { Injectable } from './injectable.decorator.js';
import type { Type } from './types.js';

export interface ControllerOptions {
  /** Default queue group for every handler of the controller (see `SubjectOptions.queue`). */
  queue?: string | false;
  /** AsyncAPI tags for every operation of the controller. */
  tags?: string[];
  /** Text (CommonMark) added to the description of every operation of the controller. */
  description?: string;
}

export const CONTROLLER = metaKey<{ prefix: string } & ControllerOptions>('controller');

/**
 * Declares a class whose `@Subject` methods handle NATS messages. The prefix is joined to each
 * subject with a dot: `@Controller('orders')` + `@Subject('create')` listens on `orders.create`.
 * @example
 * @Controller('orders')
 * export class OrdersController { @Subject('get') get(@Payload() q: GetOrder) { ... } }
 */
export function Controller(prefix = '', options: ControllerOptions = {}): ClassDecorator {
  return (target) => {
    set(CONTROLLER, { prefix, ...options }, target);
    Injectable()(target);
  };
}

export function controllerMetadata(cls: Type): ({ prefix: string } & ControllerOptions) | undefined {
  return getOwn(CONTROLLER, cls);
}
