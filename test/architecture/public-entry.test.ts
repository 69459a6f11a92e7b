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
  'APP_OPTIONS', 'AppStatus', 'BadReplyError', 'ConfigurableModuleBuilder', 'ContainerError', 'Controller', 'Cron', 'Ctx', 'DEFAULT_BACKLOG', 'DecodeError',
  'DiscoveryService', 'ERROR_CODE_HEADER', 'ERROR_HEADER', 'ForbiddenError', 'Global', 'Headers', 'Inject', 'InjectLogger',
  'Injectable', 'Interval', 'InvalidSubjectError', 'Logger', 'LoggingError', 'MalformedHeadersError', 'ManualClock',
  'MessageContext', 'Module', 'ModuleRef', 'NatsClient', 'NatsTransport', 'NoRespondersError', 'Nullable', 'Optional', 'PIPELINE_LISTENERS', 'PaniniApplication',
  'PaniniFactory', 'Param', 'Payload', 'PayloadTooLargeError', 'PermissionDeniedError', 'Publishes', 'RemoteError', 'RequestTimeoutError',
  'Scheduler', 'SchedulerError', 'ServiceError', 'Subject', 'TRANSPORT', 'Task', 'TransportClosedError', 'UseFilters',
  'UseGuards', 'UseInterceptors', 'UseMiddleware', 'ValidationFailedError', 'WinstonLogger', 'bytesCodec', 'concurrencyLimit',
  'createLogger', 'currentScope', 'debugTraffic', 'forwardRef', 'getLogger', 'jsonCodec', 'logScope', 'loggerToken', 'measureLogCost',
  'setRootLogger', 'stringCodec', 'systemClock', 'timeout',
];
const ROOT_TYPES = [
  'AbstractToken', 'AppPhase', 'AsyncModuleOptions', 'BacklogOptions', 'BeforeApplicationShutdown', 'ClassProvider', 'ClientPublishOptions',
  'ClientRequestOptions', 'Clock', 'Codec', 'ConfigurableModuleBuilderOptions', 'ConfigurableModuleClass', 'ConfigurableModuleParts', 'ConcurrencyLimitOptions', 'ConnectionOptions', 'ContainerErrorKind',
  'ControllerOptions', 'CronOptions', 'DebugOptions', 'DiscoveredInstance', 'DynamicModule', 'ErrorBody', 'ErrorReply',
  'ExceptionFilter', 'ExceptionFilterFn', 'ExistingProvider', 'FactoryProvider', 'FieldError', 'Forward', 'ForwardReference', 'FilterLike', 'Guard', 'GuardFn',
  'GuardLike', 'HandlerStats', 'HeaderRecord', 'InboundMessage', 'InjectableOptions', 'Interceptor', 'InterceptorFn',
  'InterceptorLike', 'LogCost', 'LogCostOptions', 'LogMeta', 'LogScope', 'LoggingErrorKind', 'LoggingOptions', 'MicroOptions', 'Middleware',
  'MiddlewareFn', 'MiddlewareLike', 'ModuleMetadata', 'Next', 'OnApplicationBootstrap', 'OnApplicationShutdown',
  'OnMessageEnd', 'OnModuleDestroy', 'OnModuleInit', 'OutboundLike', 'OutboundMessage', 'OutboundMiddleware', 'OutboundMiddlewareFn',
  'PaniniOptions', 'PipelineEvent', 'PipelineListener', 'Provider', 'PublicationOptions', 'Readiness', 'ReceivedMessage', 'ResolvedOptions', 'SchedulerErrorKind', 'SchedulerOptions',
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
  'DepSpec', 'ExtensionKind', 'HandlerDefinition', 'HandlerSourceOptions', 'Instantiate', 'LifecycleHook', 'LogFieldSource', 'MetaKey', 'ModuleNode', 'ModuleReplacer',
  'ParamDefinition', 'ParamKind', 'ParamMetadata', 'ProviderDef', 'PublishOptions', 'QueuePlan', 'ReplyLike', 'RequestOptions',
  'ResolvedBacklog', 'RunnerParts', 'ScheduleDefinition', 'ScheduleSpec', 'SubjectDefinition', 'SubjectPattern',
  'SubscribeOptions', 'PlacedComponent', 'ComponentPhase', 'ExposedByComponents', 'SourceFactory', 'SourceContext', 'PolicyParts',
  'MessageSource', 'SourceEvent', 'SourceEventListener', 'Outcome', 'OutcomePolicy', 'Settlement', 'Refusal',
];

/** `@panini/core/contracts`. */
const CONTRACTS_VALUES = ['ContractClient', 'createAsyncApiDocument', 'diffDocuments', 'dtoJsonSchema', 'formatChanges', 'generateClient', 'toAsyncApi', 'toYaml'];
const CONTRACTS_TYPES = [
  'AsyncApiChannel', 'AsyncApiDocument', 'AsyncApiOperation', 'AsyncApiOptions', 'CallerArgs', 'ContractCallOptions', 'ContractSource',
  'DocumentChange', 'EventClient', 'GenerateClientOptions', 'RequestClient', 'Wire',
];
/** `@panini/core/jetstream`. */
const JETSTREAM_VALUES = [
  'Consume', 'ConsumerNotFoundError', 'DEAD_LETTER_HEADERS', 'InjectBucket', 'InjectObjectStore', 'JETSTREAM_BACKEND',
  'JETSTREAM_OPTIONS', 'JETSTREAM_SOURCE', 'JetStreamApiError', 'JetStreamClient', 'JetStreamContext',
  'JetStreamDeclarationError', 'JetStreamModule', 'KV_WATCH_SOURCE', 'KvBucket', 'KvError', 'KvWatch', 'NatsJetStreamBackend',
  'OBJECT_WATCH_SOURCE', 'ObjectBucket', 'ObjectWatch', 'PublishTimeoutError', 'StreamMismatchError', 'StreamNotFoundError', 'WrongLastMsgIdError',
  'WrongLastSequenceError', 'backendFor', 'backoffDelay', 'kvBucketToken', 'kvChangeOf', 'objectChangeOf', 'objectStoreToken', 'providesBackend',
  'serverFeatures', 'storesFor',
];
const JETSTREAM_TYPES = [
  'AckPolicy', 'BackendEvent', 'BackendPublishOptions', 'BackendServerInfo', 'ConsumeOptions', 'ConsumerConfig',
  'ConsumerDeclaration', 'ConsumerInfo', 'ConsumerState', 'DeliverPolicy', 'DeliveryInfo', 'DiscardPolicy', 'FetchOptions',
  'JetStreamBackend', 'JetStreamCapableTransport', 'JetStreamDefaults', 'JetStreamMessage', 'JetStreamModuleOptions',
  'JetStreamPublishOptions', 'KvBucketDeclaration', 'KvChange', 'KvChangeInfo', 'KvEntryOf', 'KvErrorDetails', 'KvErrorKind',
  'KvOperation', 'KvStore', 'KvStoreEntry', 'KvStoreWatch', 'KvStoreWatchOptions', 'KvValueOptions', 'KvWatchOptions', 'KvWriteOptions',
  'ObjStore', 'ObjStoreChange', 'ObjStorePutMeta', 'ObjStoreWatch', 'ObjStoreWatchOptions', 'ObjectChangeInfo', 'ObjectMeta',
  'ObjectOperation', 'ObjectPutOptions', 'ObjectRead', 'ObjectWatchOptions',
  'ObjectSource', 'ObjectStoreDeclaration', 'OrderedOptions', 'OrderedSubscription', 'PubAck', 'PublishExpectations',
  'PullBatch', 'RetentionPolicy', 'StorageType', 'StoreBackend', 'StoreDeclarations', 'StreamConfig', 'StreamDeclaration', 'StreamInfo',
  'StreamState',
];

const sorted = (a: string[]) => [...a].sort();

/** The capability entries (`@panini/core/<name>`), each `src/<name>/index.ts`. */
const SUBPATHS = ['config', 'contracts', 'http', 'jetstream', 'metrics', 'testing', 'tracing', 'workers'];

for (const [entry, values, types] of [
  ['index', ROOT_VALUES, ROOT_TYPES],
  ['internal', INTERNAL_VALUES, INTERNAL_TYPES],
  ['contracts/index', CONTRACTS_VALUES, CONTRACTS_TYPES],
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
    it('should offer the reviewed entries, each subpath with its types for both resolutions (exports and typesVersions)', () => {
      const pkg = JSON.parse(readFileSync(new URL('package.json', repo), 'utf8')) as { exports: Record<string, { types: string; default: string }>; typesVersions: Record<string, Record<string, string[]>> };
      assert.deepEqual(Object.keys(pkg.exports).sort(), ['.', ...SUBPATHS.map((s) => `./${s}`), './internal'].sort());
      for (const sub of SUBPATHS) {
        assert.deepEqual(pkg.exports[`./${sub}`], { types: `./dist/src/${sub}/index.d.ts`, default: `./dist/src/${sub}/index.js` }, sub);
        assert.deepEqual(pkg.typesVersions['*']![sub], [`./dist/src/${sub}/index.d.ts`], sub);
      }
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
