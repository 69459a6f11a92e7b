// The reporter of `npm test`: a dot per test instead of thousands of TAP lines, every failure in
// full at the end, then the runner's own counts (`ℹ pass N`) and a plain `N passed, N failed` line,
// the same on Node 20, 22 and 24 (their default reporters differ when stdout is not a terminal).
import { inspect } from 'node:util';

const isTest = (data) => data.details?.type !== 'suite';

export default async function* reporter(source) {
  const failures = [];
  const counts = {};
  // what each test file printed to stderr, shown under its failures (a file that fails to load says why there)
  const stderr = new Map();
  let column = 0;
  for await (const event of source) {
    const { type, data } = event;
    if ((type === 'test:pass' || type === 'test:fail') && isTest(data)) {
      const mark = type === 'test:fail' ? 'X' : data.skip !== undefined ? 's' : data.todo !== undefined ? 't' : '.';
      if (type === 'test:fail' && data.todo === undefined) failures.push(data);
      yield mark;
      column += 1;
      if (column % 100 === 0) yield '\n';
    } else if (type === 'test:stderr' && data.file) {
      stderr.set(data.file, ((stderr.get(data.file) ?? '') + data.message).slice(-4000));
    } else if (type === 'test:diagnostic' && data.nesting === 0) {
      // the runner's closing counts (tests, suites, pass, fail, cancelled, skipped, todo, duration_ms)
      const [key, value] = String(data.message).split(' ');
      if (key !== undefined && value !== undefined && /^\d+(\.\d+)?$/.test(value)) counts[key] = value;
      else yield `\n${data.message}\n`;
    } else if (type === 'test:diagnostic') {
      // a test's own report (t.diagnostic), such as the counts of a crash test
      yield `\n${data.message}\n`;
      column = 0;
    }
  }
  yield '\n';
  for (const f of failures) {
    const where = f.file ? ` (${f.file}${f.line ? `:${f.line}` : ''})` : '';
    yield `\n✖ ${f.name}${where}\n${inspect(f.details?.error, { depth: 6 }).replace(/^/gm, '  ')}\n`;
  }
  for (const file of new Set(failures.map((f) => f.file))) {
    if (stderr.has(file)) yield `\n${file} wrote to stderr (last 4000 characters):\n${stderr.get(file)}\n`;
  }
  yield '\n';
  for (const [key, value] of Object.entries(counts)) yield `ℹ ${key} ${value}\n`;
  yield `${counts.pass ?? 0} passed, ${counts.fail ?? 0} failed\n`;
}
