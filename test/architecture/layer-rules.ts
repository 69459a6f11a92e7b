/**
 * Which folder of src/ may import which. A folder may import itself and the folders listed for
 * it; nothing else. `root` stands for the files directly in src/ (app.ts, factory.ts, index.ts,
 * internal.ts, ...), the top of the core. The optional parts (http, tracing, scheduler, testing, cli)
 * may import the whole core, and the core imports none of them.
 */
const LEAVES = ['errors'];
const BELOW_PIPELINE = ['transport', 'scanner', 'metadata', 'logging', 'errors'];
const CORE = ['root', 'sources', 'client', 'extensions', 'pipeline', 'container', 'micro', ...BELOW_PIPELINE];

export const LAYERS: Readonly<Record<string, readonly string[]>> = {
  errors: [],
  metadata: [...LEAVES],
  transport: [...LEAVES],
  scanner: ['metadata', ...LEAVES],
  container: ['scanner', 'metadata', ...LEAVES],
  logging: ['metadata', ...LEAVES],
  pipeline: BELOW_PIPELINE,
  extensions: ['pipeline', ...BELOW_PIPELINE],
  client: ['extensions', 'pipeline', ...BELOW_PIPELINE],
  // sources sit beside app.ts at the top of the core: they build runners (with their extensions,
  // from the container) and read the app's options and status
  sources: ['root', 'container', 'extensions', 'pipeline', ...BELOW_PIPELINE],
  // the $SRV responder is on in every app, so the factory wires it: part of the core, beside the sources
  micro: ['pipeline', ...BELOW_PIPELINE],
  root: CORE,
  http: CORE,
  // finds the HTTP server through the app's components, so it imports no HTTP code
  tracing: CORE,
  // the metrics entry serves /metrics on the HTTP module's Express app when the app has one: it
  // loads src/http/ by a dynamic import only then, so an app without HTTP never loads Express
  metrics: [...CORE, 'http'],
  scheduler: CORE,
  // JetStream consumers and publishing: a capability on the core (the Clock of the scheduler for
  // time it waits on); the core never imports it
  jetstream: [...CORE, 'scheduler'],
  // the testing kit drives scheduled tasks (`triggerTask`), so it sits above the scheduler; its
  // memory broker emulates JetStream behind the jetstream backend interface
  testing: [...CORE, 'scheduler', 'jetstream'],
  // the CLI is a tool, never loaded by a service: `panini info` describes routes and tasks too
  cli: [...CORE, 'http', 'scheduler', 'testing'],
};

/**
 * Imports that break the table today and are known. Each names the file and the folder it may
 * not import, and why it is still there; remove an entry once the import is gone (the test
 * fails for an entry that no longer matches anything, so the list cannot go stale).
 */
export const KNOWN_EXCEPTIONS: ReadonlyArray<{ from: string; to: string; why: string }> = [
  // the scheduler is wired by the factory and documented from the root entry ('@panini/core'
  // exports Scheduler, ManualClock, SchedulerError); to go once it is a component with its own entry
  { from: 'src/factory.ts', to: 'scheduler', why: 'the factory creates the scheduler component' },
  { from: 'src/app-options.ts', to: 'scheduler', why: 'PaniniOptions.scheduler holds SchedulerOptions' },
  { from: 'src/index.ts', to: 'scheduler', why: 'the scheduler API is documented from the root entry' },
];
