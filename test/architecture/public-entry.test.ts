import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { exportedNames } from './entry-exports.js';

const repo = new URL('../../../', import.meta.url);
const src = (f: string) => fileURLToPath(new URL(`src/${f}`, repo));

/*
 * The reviewed lists. A change here is a change of the public (or internal) API: add a name
 * only on purpose, and remove one from ROOT only with a major version.
 */
const ROOT_VALUES = [
  'APP_OPTIONS', 'AppStatus', 'BadReplyError', 'ContainerError', 'Controller', 'Cron', 'Ctx', 'DEFAULT_BACKLOG', 'DecodeError',
  'DiscoveryService', 'ERROR_CODE_HEADER', 'ERROR_HEADER', 'ForbiddenError', 'Global', 'Headers', 'Inject', 'InjectLogger',
  'Injectable', 'Interval', 'InvalidSubjectError', 'Logger', 'LoggingError', 'MalformedHeadersError', 'ManualClock',
  'MessageContext', 'Module', 'NatsClient', 'NatsTransport', 'NoRespondersError', 'Nullable', 'Optional', 'PIPELINE_LISTENERS', 'PaniniApplication',
  'PaniniFactory', 'Param', 'Payload', 'PayloadTooLargeError', 'PermissionDeniedError', 'RemoteError', 'RequestTimeoutError',
  'Scheduler', 'SchedulerError', 'ServiceError', 'Subject', 'TRANSPORT', 'Task', 'TransportClosedError', 'UseFilters',
  'UseGuards', 'UseInterceptors', 'UseMiddleware', 'ValidationFailedError', 'WinstonLogger', 'bytesCodec', 'concurrencyLimit',
  'createLogger', 'currentScope', 'debugTraffic', 'getLogger', 'jsonCodec', 'logScope', 'loggerToken', 'measureLogCost',
  'setRootLogger', 'stringCodec', 'systemClock', 'timeout',
];
const ROOT_TYPES = [
  'AbstractToken', 'AppPhase', 'BacklogOptions', 'BeforeApplicationShutdown', 'ClassProvider', 'ClientPublishOptions',
  'ClientRequestOptions', 'Clock', 'Codec', 'ConcurrencyLimitOptions', 'ConnectionOptions', 'ContainerErrorKind',
  'ControllerOptions', 'CronOptions', 'DebugOptions', 'DiscoveredInstance', 'DynamicModule', 'ErrorBody', 'ErrorReply',
  'ExceptionFilter', 'ExceptionFilterFn', 'ExistingProvider', 'FactoryProvider', 'FieldError', 'FilterLike', 'Guard', 'GuardFn',
  'GuardLike', 'HandlerStats', 'HeaderRecord', 'InboundMessage', 'InjectableOptions', 'Interceptor', 'InterceptorFn',
  'InterceptorLike', 'LogCost', 'LogCostOptions', 'LogMeta', 'LogScope', 'LoggingErrorKind', 'LoggingOptions', 'MicroOptions', 'Middleware',
  'MiddlewareFn', 'MiddlewareLike', 'ModuleMetadata', 'Next', 'OnApplicationBootstrap', 'OnApplicationShutdown',
  'OnModuleDestroy', 'OnModuleInit', 'OutboundLike', 'OutboundMessage', 'OutboundMiddleware', 'OutboundMiddlewareFn',
  'PaniniOptions', 'PipelineEvent', 'PipelineListener', 'Provider', 'Readiness', 'ReceivedMessage', 'ResolvedOptions', 'SchedulerErrorKind', 'SchedulerOptions',
  'Scope', 'SubjectOptions', 'TaskErrorInfo', 'TaskInfo', 'TaskOptions', 'TaskRunInfo', 'Token', 'Transport', 'TransportEvent',
  'TransportState', 'TransportSubscription', 'Type', 'ValidationOptions', 'ValueProvider',
];
const INTERNAL_VALUES = [
  'APP_COMPONENTS', 'CORE_SOURCE', 'CoreNatsPolicy', 'GLOBAL_MIDDLEWARE', 'HANDLER_STATS', 'HandlerRunner', 'HandlerSource', 'MESSAGE_SOURCES', 'MalformedPayloadError',
  'RequestMux', 'addParam', 'brandFor',
  'callHook', 'checkBacklog', 'checkPayload', 'checkSubject', 'classDeps', 'compileArgs', 'compileValidator', 'compose',
  'createJsonCodec', 'describeConflict', 'designParamTypes', 'designReturnType', 'encodeAuto', 'extensionsOf', 'extractParams',
  'get', 'getOwn', 'hasBrand', 'headerValue', 'headersSize', 'isDtoType', 'metaKey', 'normaliseProvider', 'paramsOf',
  'parseSubject', 'planQueues', 'push', 'resolveArgsAsync', 'resolveBacklog', 'resolveCodec', 'runFilters', 'scanHandlers',
  'scanModules', 'scheduledMethods', 'schedulesOf', 'set', 'setBrand', 'subjectMethods', 'subjectsOf', 'subjectsOverlap',
  'setLogFieldSource', 'threadCpuMs', 'toErrorBody', 'toFilter', 'toGuard', 'toInterceptor', 'toMiddleware', 'toOutbound', 'toPlain', 'tokenName',
  'wireErrorCode',
];
const INTERNAL_TYPES = [
  'AbandonedWork', 'AnswerConflict', 'AppComponent', 'ArgResolver', 'CodecOption', 'CompiledArgs', 'ContextualProvider',
  'DepSpec', 'ExtensionKind', 'HandlerDefinition', 'Instantiate', 'LifecycleHook', 'LogFieldSource', 'MetaKey', 'ModuleNode', 'ModuleReplacer',
  'ParamDefinition', 'ParamKind', 'ParamMetadata', 'ProviderDef', 'PublishOptions', 'QueuePlan', 'ReplyLike', 'RequestOptions',
  'ResolvedBacklog', 'RunnerParts', 'ScheduleDefinition', 'ScheduleSpec', 'SubjectDefinition', 'SubjectPattern',
  'SubscribeOptions', 'PlacedComponent', 'ComponentPhase', 'ExposedByComponents', 'SourceFactory', 'SourceContext', 'PolicyParts',
  'MessageSource', 'SourceEvent', 'SourceEventListener', 'Outcome', 'OutcomePolicy', 'Settlement', 'Refusal',
];

const JETSTREAM_VALUES = [
  'Consume', 'ConsumerNotFoundError', 'DEAD_LETTER_HEADERS', 'JETSTREAM_BACKEND', 'JETSTREAM_OPTIONS', 'JETSTREAM_SOURCE', 'JetStreamApiError',
  'JetStreamClient', 'JetStreamContext', 'JetStreamDeclarationError', 'JetStreamModule', 'NatsJetStreamBackend', 'PublishTimeoutError',
  'StreamMismatchError', 'StreamNotFoundError', 'WrongLastMsgIdError', 'WrongLastSequenceError', 'backendFor', 'backoffDelay',
  'providesBackend', 'serverFeatures',
];
const JETSTREAM_TYPES = [
  'AckPolicy', 'BackendEvent', 'BackendPublishOptions', 'BackendServerInfo', 'ConsumeOptions', 'ConsumerConfig', 'ConsumerDeclaration',
  'ConsumerInfo', 'ConsumerState', 'DeliverPolicy', 'DeliveryInfo', 'DiscardPolicy', 'FetchOptions', 'JetStreamBackend',
  'JetStreamCapableTransport', 'JetStreamDefaults', 'JetStreamMessage', 'JetStreamModuleOptions', 'JetStreamPublishOptions',
  'OrderedOptions', 'OrderedSubscription', 'PubAck', 'PublishExpectations', 'PullBatch', 'RetentionPolicy', 'StorageType',
  'StreamConfig', 'StreamDeclaration', 'StreamInfo', 'StreamState',
];

const sorted = (a: string[]) => [...a].sort();

for (const [entry, values, types] of [
  ['index', ROOT_VALUES, ROOT_TYPES],
  ['internal', INTERNAL_VALUES, INTERNAL_TYPES],
  ['jetstream/index', JETSTREAM_VALUES, JETSTREAM_TYPES],
] as const) {
  describe(`src/${entry}.ts`, () => {
    describe('when its export statements are read', () => {
      it('should list every name explicitly, with no export *', () => {
        assert.deepEqual(exportedNames(src(`${entry}.ts`)).wildcards, []);
      });

      it('should export exactly the reviewed names', () => {
        assert.deepEqual(exportedNames(src(`${entry}.ts`)).names, sorted([...values, ...types]));
      });
    });

    describe('when it is loaded', () => {
      it('should hold exactly the reviewed values at run time', async () => {
        const mod = await import(new URL(`dist/src/${entry}.js`, repo).href) as Record<string, unknown>;
        assert.deepEqual(Object.keys(mod).sort(), sorted([...values]));
      });
    });
  });
}

describe('package.json exports', () => {
  describe('when a user imports a subpath', () => {
    it('should offer the root, testing, http, tracing, metrics, jetstream and internal entries, each with its types', () => {
      const pkg = JSON.parse(readFileSync(new URL('package.json', repo), 'utf8')) as { exports: Record<string, { types: string; default: string }>; typesVersions: Record<string, Record<string, string[]>> };
      assert.deepEqual(Object.keys(pkg.exports).sort(), ['.', './http', './internal', './jetstream', './metrics', './testing', './tracing']);
      assert.deepEqual(pkg.exports['./jetstream'], { types: './dist/src/jetstream/index.d.ts', default: './dist/src/jetstream/index.js' });
      assert.deepEqual(pkg.typesVersions['*']!['jetstream'], ['./dist/src/jetstream/index.d.ts']);
      assert.deepEqual(pkg.exports['./internal'], { types: './dist/src/internal.d.ts', default: './dist/src/internal.js' });
    });
  });
});

describe('the root and internal entries', () => {
  describe('when both are compared', () => {
    it('should share no name, so each name has one documented home', () => {
      const root = new Set([...ROOT_VALUES, ...ROOT_TYPES]);
      assert.deepEqual([...INTERNAL_VALUES, ...INTERNAL_TYPES].filter((n) => root.has(n)), []);
    });
  });
});
