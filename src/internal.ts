/**
 * `@panini/core/internal`: what Panini's own capabilities (`@panini/core/http`, the testing kit,
 * later JetStream) build on: handler definitions, the scanner, argument compilation, the runner,
 * transport helpers. NOT covered by semver: names and shapes here may change in any release.
 * A service imports `@panini/core` (and the capability entries) instead. Every name is reviewed
 * (test/architecture/public-entry.test.ts).
 */
import 'reflect-metadata';

// errors: brands and the mapping of errors to wire bodies
export { brandFor, hasBrand, setBrand } from './errors/brand.js';
export { toErrorBody, wireErrorCode, headerValue, type ReplyLike } from './errors/index.js';

// metadata: reflect helpers and what the decorators record
export { tokenName } from './metadata/types.js';
export { metaKey, get, getOwn, set, push, designParamTypes, designReturnType, type MetaKey } from './metadata/reflect.js';
export { addParam, paramsOf, type ParamKind, type ParamMetadata } from './metadata/param.decorators.js';
export { extensionsOf, type ExtensionKind } from './metadata/pipeline.decorators.js';
export { subjectMethods, subjectsOf, type SubjectDefinition } from './metadata/subject.decorator.js';
export { scheduledMethods, schedulesOf, type ScheduleSpec, type ScheduleDefinition } from './metadata/schedule.decorators.js';
export type { ContextualProvider } from './metadata/contextual-provider.js';

// scanner: metadata turned into plain definitions
export type { HandlerDefinition, ParamDefinition } from './scanner/handler-definition.js';
export { scanHandlers } from './scanner/handler-scanner.js';
export { scanModules, normaliseProvider, type ModuleReplacer } from './scanner/module-scanner.js';
export type { ModuleNode, ProviderDef } from './scanner/module-graph.js';
export { parseSubject, extractParams, type SubjectPattern } from './scanner/subject-pattern.js';
export { planQueues, describeConflict, type QueuePlan, type AnswerConflict } from './scanner/queue-groups.js';
export { subjectsOverlap } from './scanner/subject-overlap.js';

// container
export { classDeps, type DepSpec } from './container/class-deps.js';
export { callHook, type LifecycleHook } from './container/lifecycle.js';

// pipeline: arguments, validation, the runner and its parts
export { compileArgs, resolveArgsAsync, type CompiledArgs, type ArgResolver } from './pipeline/param-resolvers.js';
export { compileValidator, isDtoType, toPlain } from './pipeline/validation.js';
export { resolveBacklog, checkBacklog, type ResolvedBacklog } from './pipeline/backlog-options.js';
export { resolveCodec, encodeAuto, createJsonCodec, MalformedPayloadError, type CodecOption } from './pipeline/codec.js';
export { HandlerRunner, type RunnerParts, type AbandonedWork } from './pipeline/handler-runner.js';
export { runFilters } from './pipeline/run-filters.js';
export { HANDLER_STATS } from './pipeline/handler-stats.js';

// extensions: turning classes or functions into the chain
export { compose } from './extensions/compose.js';
export { toMiddleware, toGuard, toInterceptor, toFilter, toOutbound, type Instantiate } from './extensions/resolve-extensions.js';
export { GLOBAL_MIDDLEWARE } from './extensions/global-middleware.js';

// transport: what a transport implementation needs
export type { PublishOptions, RequestOptions, SubscribeOptions } from './transport/transport.js';
export { checkSubject } from './transport/subject-rules.js';
export { checkPayload, headersSize } from './transport/payload-rules.js';
export { RequestMux } from './transport/request-mux.js';

// logging
export { threadCpuMs } from './logging/log-cost.js';
export { setLogFieldSource, type LogFieldSource } from './logging/log-scope.js';

// app: the components optional parts plug in as
export { APP_COMPONENTS, type AppComponent, type PlacedComponent, type ComponentPhase, type ExposedByComponents } from './app-component.js';

// sources: where messages come from, and how their outcomes are settled
export { MESSAGE_SOURCES, CORE_SOURCE, type SourceFactory, type SourceContext, type PolicyParts } from './sources/source-factory.js';
export type { MessageSource } from './sources/message-source.js';
export type { SourceEvent, SourceEventListener } from './sources/source-event.js';
export { HandlerSource, type HandlerSourceOptions } from './metadata/handler-source.decorator.js';
export type { Outcome, OutcomePolicy, Settlement, Refusal } from './pipeline/outcome.js';
export { CoreNatsPolicy } from './pipeline/core-nats.policy.js';
