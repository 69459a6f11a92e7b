import { abortBench, runBench } from './harness/run-bench.js';
import { parseOptions } from './harness/options.js';
import { formatMarkdown, formatTable } from './harness/report.js';

/**
 * `npm run bench`: Panini against the raw nats.js client, interleaved, medians and ratios.
 * Exit code 0 when every scenario ran (a missed target is a result, shown in the table), 1 when
 * one failed or ran out of time, 2 on a usage error.
 */
async function main(): Promise<number> {
  let options;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    return 2;
  }
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      process.stderr.write(`${signal}: stopping the workers and the nats-server\n`);
      void abortBench().finally(() => process.exit(130));
    });
  }
  const report = await runBench(options);
  process.stdout.write(`\n${formatTable(report)}\n`);
  if (options.markdown) process.stdout.write(`\n${formatMarkdown(report)}\n`);
  process.stdout.write(`results: ${options.out}\n`);
  return report.failed.length === 0 ? 0 : 1;
}

main().then(
  (code) => { process.exitCode = code; },
  (err: unknown) => {
    process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    void abortBench().finally(() => { process.exitCode = 1; });
  },
);
