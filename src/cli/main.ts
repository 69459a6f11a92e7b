#!/usr/bin/env node
/** The `panini` command (package bin). All the work happens in program.ts. */
import { run } from './program.js';

const code = await run(process.argv);
// exit explicitly: a created (never started) app may hold timers that would keep `info` alive;
// wait for stdout and stderr first so piped output is never cut short
process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
