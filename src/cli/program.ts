import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { CliError } from './cli-error.js';
import { loadProject } from './config/load-config.js';
import { generateCommand } from './commands/generate.command.js';
import { infoCommand } from './commands/info.command.js';
import { asyncApiCommand, clientCommand, type AsyncApiCommandOptions } from './commands/asyncapi.command.js';
import { publishCommand, requestCommand, type MessageOptions } from './commands/message.command.js';
import { newCommand } from './commands/new.command.js';
import { startCommand } from './commands/start.command.js';
import { servicesInfo, servicesList, servicesPing, servicesStats, type ServicesOptions } from './commands/services.command.js';
import { KINDS } from './generate/templates.js';

interface ProjectOptions { project?: string; config?: string }

const version = (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
const collect = (value: string, previous: string[]): string[] => [...previous, value];
const project = (o: ProjectOptions) => loadProject({ cwd: process.cwd(), config: o.config, project: o.project });

function withProjectOptions(cmd: Command): Command {
  return cmd
    .option('-p, --project <name>', 'a project of nest-cli-style.json (default: its defaultProject)')
    .option('-c, --config <file>', 'the config file (default: the nearest nest-cli-style.json)');
}

function withConnectionOptions(cmd: Command): Command {
  return cmd
    .option('-s, --server <url>', 'NATS server URL (default: NATS_URL, else nats://127.0.0.1:4222)')
    .option('-t, --timeout <ms>', 'how long to wait, in milliseconds', '5000')
    .option('-H, --header <name:value>', 'a message header (repeatable)', collect, []);
}

/** Builds the `panini` command line; every action stores its exit code in `result.code`. */
export function buildProgram(result: { code: number }): Command {
  const program = new Command('panini')
    .description('The Panini CLI: create, grow, run and talk to NATS services.')
    .version(version, '-v, --version')
    .showHelpAfterError('(add --help for usage)')
    .showSuggestionAfterError(true)
    .exitOverride();

  program.command('new')
    .description('create a service that builds and passes its tests as generated')
    .argument('<name>', 'the service name (kebab-case; also its folder and subject prefix)')
    .option('-d, --directory <dir>', 'where to create it (default: ./<name>)')
    .option('--skip-install', 'do not run npm install')
    .option('--link [path]', 'install @panini/core from a packed copy of this Panini checkout or .tgz (default from a checkout)')
    .option('--no-link', 'depend on @panini/core from the npm registry')
    .action(async (name: string, o: { directory?: string; skipInstall?: boolean; link?: string | boolean }) => { result.code = await newCommand(name, o); });

  withProjectOptions(program.command('generate').alias('g')
    .description('generate a class and register it in the nearest module')
    .argument('<kind>', `one of: ${Object.keys(KINDS).join(', ')} (or mo, co, pr, s, d, hc)`)
    .argument('<name>', 'its name, optionally inside folders: orders/order-items')
    .option('--flat', 'put the file in the current folder, not in a folder of its own')
    .option('--no-flat', 'put the file in a folder named after it')
    .option('--spec', 'write a test file')
    .option('--no-spec', 'do not write a test file')
    .option('--skip-import', 'do not register it in a module')
    .option('--dry-run', 'print what would be written, write nothing'))
    .action((kind: string, name: string, o: ProjectOptions & { flat?: boolean; spec?: boolean; skipImport?: boolean; dryRun?: boolean }) => {
      result.code = generateCommand(project(o), kind, name, o);
    });

  withProjectOptions(program.command('start')
    .description('build the project and run its entry file')
    .option('-w, --watch', 'rebuild and restart on every change under sourceRoot')
    .option('--workers <n>', "run n copies of the service (a whole number, or 'auto' for one per core), restarted when one dies"))
    .action(async (o: ProjectOptions & { watch?: boolean; workers?: string }) => {
      result.code = await startCommand(project(o), { watch: o.watch, workers: o.workers });
    });

  withProjectOptions(program.command('info')
    .description("print the app's modules, subjects, DTOs, tasks and HTTP routes without connecting")
    .option('--json', 'print JSON instead of tables')
    .option('--no-build', 'use the last build instead of running tsc first'))
    .action(async (o: ProjectOptions & { json?: boolean; build?: boolean }) => { result.code = await infoCommand(project(o), o); });

  withProjectOptions(program.command('asyncapi')
    .description("print the app's AsyncAPI 3.0.0 document without connecting, or check a committed one")
    .option('-o, --out <file>', 'write the document to a file instead of printing it')
    .option('-f, --format <format>', 'json or yaml (default: from --out, else json)')
    .option('--check <file>', 'compare with a committed document; exit 1 with the differences')
    .option('-n, --name <service>', 'the service name (default: PANINI_SERVICE_NAME, else the package name)')
    .option('--no-build', 'use the last build instead of running tsc first'))
    .action(async (o: ProjectOptions & AsyncApiCommandOptions) => { result.code = await asyncApiCommand(project(o), o); });

  program.command('client')
    .description('generate a typed TypeScript client module from an AsyncAPI 3 document')
    .requiredOption('--from <file>', 'the AsyncAPI document (JSON, or YAML with the yaml package installed)')
    .option('-o, --out <file>', 'write the module to a file instead of printing it')
    .option('--factory <name>', 'name of the exported factory function', 'createClient')
    .action(async (o: { from: string; out?: string; factory?: string }) => { result.code = await clientCommand(o); });

  withConnectionOptions(program.command('request')
    .description('send a request to a running service and print the reply (or its error)')
    .argument('<subject>', 'the subject, e.g. orders.create')
    .argument('[json]', 'the payload as JSON (default: empty)'))
    .action(async (subject: string, json: string | undefined, o: MessageOptions) => { result.code = await requestCommand(subject, json, o); });

  withConnectionOptions(program.command('publish')
    .description('publish an event to a running service')
    .argument('<subject>', 'the subject, e.g. inventory.restock')
    .argument('[json]', 'the payload as JSON (default: empty)')
    .addOption(new Option('-r, --reply-to <subject>', 'where a responder should send its answer')))
    .action(async (subject: string, json: string | undefined, o: MessageOptions) => { result.code = await publishCommand(subject, json, o); });

  const services = program.command('services')
    .description('discover running services through the NATS service API ($SRV), like `nats micro`');
  const withDiscovery = (cmd: Command) => cmd
    .option('-s, --server <url>', 'NATS server URL (default: NATS_URL, else nats://127.0.0.1:4222)')
    .option('-w, --wait <ms>', 'how long to collect answers, in milliseconds', '1000')
    .option('--prefix <prefix>', 'the discovery subject prefix', '$SRV')
    .option('--json', 'print the answers as JSON instead of tables');
  withDiscovery(services.command('ls').description('list the services that answer, with versions and instance counts'))
    .action(async (o: ServicesOptions) => { result.code = await servicesList(o); });
  withDiscovery(services.command('ping').description('ping every instance (of one service when named)').argument('[name]', 'a service name'))
    .action(async (name: string | undefined, o: ServicesOptions) => { result.code = await servicesPing(name, o); });
  withDiscovery(services.command('info').description("a service's instances and endpoints").argument('<name>', 'the service name'))
    .action(async (name: string, o: ServicesOptions) => { result.code = await servicesInfo(name, o); });
  withDiscovery(services.command('stats').description("a service's requests, errors and processing times per endpoint").argument('<name>', 'the service name'))
    .action(async (name: string, o: ServicesOptions) => { result.code = await servicesStats(name, o); });
  for (const cmd of services.commands) cmd.exitOverride().showHelpAfterError('(add --help for usage)');

  for (const cmd of program.commands) cmd.exitOverride().showHelpAfterError('(add --help for usage)');
  return program;
}

/** Runs the CLI and resolves with the exit code; never throws. */
export async function run(argv: string[]): Promise<number> {
  const result = { code: 0 };
  try {
    await buildProgram(result).parseAsync(argv);
    return result.code;
  } catch (err) {
    if (err instanceof CommanderError) {
      // commander already printed its message (or the help / version)
      return err.exitCode === 0 ? 0 : 2;
    }
    if (CliError.is(err)) {
      process.stderr.write(`panini: ${err.message}\n`);
      return err.exitCode;
    }
    const e = err as Error;
    process.stderr.write(`panini: unexpected error: ${e?.message ?? String(err)}\n`);
    if (process.env['PANINI_DEBUG'] === '1') process.stderr.write(`${e?.stack ?? ''}\n`);
    else process.stderr.write('(set PANINI_DEBUG=1 to see where it came from)\n');
    return 1;
  }
}
