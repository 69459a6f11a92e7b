import { Injectable } from '../metadata/injectable.decorator.js';
import { getOwn, metaKey, set } from '../metadata/reflect.js';
import { ServedBy } from '../metadata/served-by.decorator.js';
import type { Type } from '../metadata/types.js';

export interface HttpControllerMetadata { prefix: string }

const HTTP_CONTROLLER = metaKey<HttpControllerMetadata>('http-controller');

/**
 * Declares a class whose `@Get`/`@Post`/... methods answer HTTP requests under `prefix`. List it
 * in a module's `controllers`, like a NATS controller: it is built once by the shared container.
 * @example
 * @HttpController('/orders')
 * export class OrdersHttpController {
 *   constructor(private readonly orders: OrdersService) {}
 *   @Get(':id') get(@Param('id') id: string) { return this.orders.get(id); }
 * }
 */
export function HttpController(prefix = ''): ClassDecorator {
  return (target) => {
    set(HTTP_CONTROLLER, { prefix }, target);
    // without the HTTP module nothing would serve the class: the app fails start-up saying so
    ServedBy('HTTP server', "import HttpModule.forRoot() from '@panini/core/http' in the app module")(target);
    Injectable()(target);
  };
}

export function httpControllerMetadata(cls: Type): HttpControllerMetadata | undefined {
  return getOwn(HTTP_CONTROLLER, cls);
}
