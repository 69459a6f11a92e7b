/**
 * The public entry, `@panini/core`: what a service's code writes. Every name here is reviewed
 * (test/architecture/public-entry.test.ts); the parts capabilities build on are in
 * `@panini/core/internal`, which is not covered by semver.
 */
import 'reflect-metadata';

export type { Type, Token, AbstractToken, Scope, ClassProvider, ValueProvider, FactoryProvider, ExistingProvider, Provider, ModuleMetadata, DynamicModule } from './metadata/types.js';
export { Module, Global } from './metadata/module.decorator.js';
export { forwardRef, type ForwardReference, type Forward } from './metadata/forward-ref.js';
export { ModuleRef } from './container/module-ref.js';
export type { OnMessageEnd } from './container/message-scope.js';
export { ConfigurableModuleBuilder, type ConfigurableModuleBuilderOptions, type ConfigurableModuleClass, type ConfigurableModuleParts, type AsyncModuleOptions } from './configurable-module.builder.js';
export { Injectable, Inject, Optional, type InjectableOptions } from './metadata/injectable.decorator.js';
export { Controller, type ControllerOptions } from './metadata/controller.decorator.js';
export { Subject, type SubjectOptions } from './metadata/subject.decorator.js';
export { Publishes, type PublicationOptions } from './metadata/publishes.decorator.js';
export { Payload, Headers, Param, Ctx } from './metadata/param.decorators.js';
export { Nullable } from './metadata/nullable.decorator.js';
export { UseMiddleware, UseGuards, UseInterceptors, UseFilters } from './metadata/pipeline.decorators.js';
export type { OnModuleInit, OnApplicationBootstrap, OnModuleDestroy, BeforeApplicationShutdown, OnApplicationShutdown } from './container/lifecycle.js';
export { ContainerError, type ContainerErrorKind } from './errors/container.error.js';
export { PaniniFactory, TRANSPORT } from './factory.js';
export { PaniniApplication } from './app.js';
export { APP_OPTIONS, type PaniniOptions, type ResolvedOptions } from './app-options.js';
export { AppStatus, type Readiness, type AppPhase } from './app-status.js';
export { PIPELINE_LISTENERS, type PipelineEvent, type PipelineListener } from './pipeline/pipeline-events.js';
export { DiscoveryService, type DiscoveredInstance } from './discovery.js';
export { NatsClient, type ClientPublishOptions, type ClientRequestOptions, type ReceivedMessage } from './client/nats-client.js';
export { MessageContext } from './pipeline/message-context.js';
export { ServiceError, RemoteError, RequestTimeoutError, NoRespondersError, DecodeError, ForbiddenError, type ErrorBody } from './errors/index.js';
export { ERROR_HEADER, ERROR_CODE_HEADER } from './errors/index.js';
export { ValidationFailedError, type FieldError } from './pipeline/validation.js';
export type { ValidationOptions } from './pipeline/validation-options.js';
export { jsonCodec, stringCodec, bytesCodec, type Codec } from './pipeline/codec.js';
export type { HandlerStats } from './pipeline/handler-stats.js';
export { DEFAULT_BACKLOG, type BacklogOptions } from './pipeline/backlog-options.js';
export type {
  Next, MiddlewareFn, Middleware, GuardFn, Guard, InterceptorFn, Interceptor, ErrorReply, ExceptionFilterFn, ExceptionFilter,
  OutboundMessage, OutboundMiddlewareFn, OutboundMiddleware, MiddlewareLike, GuardLike, InterceptorLike, FilterLike, OutboundLike,
} from './pipeline/extension.types.js';
export { timeout } from './extensions/timeout.middleware.js';
export { concurrencyLimit, type ConcurrencyLimitOptions } from './extensions/concurrency-limit.middleware.js';
export { debugTraffic, type DebugOptions } from './extensions/debug.middleware.js';
export type { Transport, InboundMessage, HeaderRecord, TransportSubscription, TransportEvent, TransportState } from './transport/transport.js';
export { NatsTransport } from './transport/nats.transport.js';
export { InvalidSubjectError, PayloadTooLargeError, TransportClosedError, MalformedHeadersError, BadReplyError, PermissionDeniedError } from './errors/index.js';
export type { ConnectionOptions } from './transport/connection-options.js';
export { Logger, type LogMeta } from './logging/logger.js';
export { createLogger, WinstonLogger } from './logging/create-logger.js';
export type { LoggingOptions } from './logging/logging-options.js';
export { getLogger, setRootLogger } from './logging/get-logger.js';
export { InjectLogger, loggerToken } from './logging/inject-logger.decorator.js';
export { LoggingError, type LoggingErrorKind } from './logging/logging.errors.js';
export { measureLogCost, type LogCost, type LogCostOptions } from './logging/log-cost.js';
export { logScope, currentScope, type LogScope } from './logging/log-scope.js';
export { Task, Interval, Cron, type TaskOptions, type CronOptions } from './metadata/schedule.decorators.js';
export { Scheduler } from './scheduler/scheduler.js';
export { SchedulerError, type SchedulerErrorKind } from './scheduler/scheduler.errors.js';
export type { SchedulerOptions } from './scheduler/scheduler-options.js';
export type { MicroOptions } from './micro/micro-options.js';
export type { TaskInfo, TaskRunInfo, TaskErrorInfo } from './scheduler/task-info.js';
export { systemClock, type Clock } from './scheduler/clock.js';
export { ManualClock } from './scheduler/manual-clock.js';
