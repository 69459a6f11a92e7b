/**
 * `@panini/core/http`: HTTP controllers on Express 5, sharing the container with NATS handlers.
 * Only this entry point loads Express; `@panini/core` never does.
 */
import 'reflect-metadata';
import type { Express } from 'express';

// `app.http` is typed as Express wherever this entry is imported; the core names no Express type
declare module '../app-component.js' {
  interface ExposedByComponents { http: Express }
}

export { HttpModule } from './http.module.js';
export { HttpServer } from './http-server.js';
export { HTTP_OPTIONS, type HttpModuleOptions } from './http-options.js';
export { HttpController } from './http-controller.decorator.js';
export { Get, Post, Put, Patch, Delete, HttpCode, Header, type HttpMethod } from './route.decorators.js';
export { Body, Query, Req, Res } from './http-params.decorators.js';
// shared with NATS handlers; re-exported so one import line serves an HTTP controller
export { Param, Headers, Ctx } from '../metadata/param.decorators.js';
export { HttpContext } from './http-context.js';
export type { HttpRouteDefinition } from './http-route.js';
export { REQUEST_ID_HEADER } from './request-context.js';
