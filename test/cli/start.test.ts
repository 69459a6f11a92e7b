import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO, runCli, startCli } from './support/run-cli.js';

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** A project whose entry prints its version and PID, then runs until SIGTERM (or exits with EXIT_CODE). */
function writeProject(dir: string, version: string): void {
  mkdirSync(join(dir, 'src'), { recursive: true });
  writeFileSync(join(dir, 'src', 'main.ts'), `const code = process.env['EXIT_CODE'];
console.log(\`started ${version} pid=\${process.pid}\`);
if (code !== undefined) process.exit(Number(code));
const keepAlive = setInterval(() => undefined, 60_000);
process.once('SIGTERM', () => { clearInterval(keepAlive); console.log('stopping ${version}'); });
`);
}

describe('panini start', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'panini-start-'));
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'starter', type: 'module' }));
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', types: ['node'], strict: true, outDir: 'dist', rootDir: '.', skipLibCheck: true }, include: ['src/**/*.ts'] }));
    mkdirSync(join(dir, 'node_modules', '@types'), { recursive: true });
    symlinkSync(join(REPO, 'node_modules', 'typescript'), join(dir, 'node_modules', 'typescript'), 'dir');
    symlinkSync(join(REPO, 'node_modules', '@types', 'node'), join(dir, 'node_modules', '@types', 'node'), 'dir');
    writeProject(dir, 'v1');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  describe('when the entry ends by itself', () => {
    it('should build, run it and exit with its exit code', async () => {
      const res = await runCli(['start'], { cwd: dir, env: { EXIT_CODE: '3' } });
      assert.match(res.stdout, /started v1 pid=\d+/);
      assert.equal(res.code, 3);
    });
  });

  describe('when started with --watch and a source file changes', () => {
    it('should stop the old process by PID, rebuild and run the new code, and stop it on SIGTERM', async () => {
      const cli = startCli(['start', '--watch'], { cwd: dir });
      try {
        const first = Number((await cli.waitFor(/started v1 pid=(\d+)/))[1]);
        writeProject(dir, 'v2');
        const second = Number((await cli.waitFor(/started v2 pid=(\d+)/))[1]);
        assert.notEqual(first, second);
        assert.equal(alive(first), false, 'the first process is still running');
        assert.doesNotMatch(cli.output(), /the service exited with code/, 'its own restart was reported as a crash');
        // an editor saving: the real file, then its swap, backup, lock and vim's 4913 probe
        writeProject(dir, 'v3');
        for (const temp of ['.main.ts.swp', 'main.ts~', '.#main.ts', '4913']) writeFileSync(join(dir, 'src', temp), 'x');
        await cli.waitFor(/started v3 pid=\d+/);
        assert.doesNotMatch(cli.output(), /(\.swp|~|\.#main\.ts|4913) changed/, 'an editor temp file triggered a restart');
        assert.equal(await cli.stop(), 0);
        assert.equal(alive(second), false, 'the restarted process outlived the CLI');
      } finally {
        await cli.stop();
        for (const temp of ['.main.ts.swp', 'main.ts~', '.#main.ts', '4913']) rmSync(join(dir, 'src', temp), { force: true });
        writeProject(dir, 'v1');
      }
    });
  });

  describe('when started with --workers 2', () => {
    it('should run two copies, start again one that is killed, and stop them all on SIGTERM', async () => {
      const cli = startCli(['start', '--workers', '2'], { cwd: dir });
      try {
        await cli.waitFor(/started v1 pid=\d+[\s\S]*started v1 pid=\d+/);
        const firstTwo = [...cli.output().matchAll(/started v1 pid=(\d+)/g)].map((m) => Number(m[1]));
        assert.equal(new Set(firstTwo).size, 2);
        process.kill(firstTwo[0]!, 'SIGKILL');
        await cli.waitFor(new RegExp(`worker \\d \\(pid ${firstTwo[0]!}\\) exited \\(SIGKILL\\)[^\\n]*restarting it in \\d+ ms`));
        await cli.waitFor(/(started v1 pid=\d+[\s\S]*){3}/);
        const all = [...cli.output().matchAll(/started v1 pid=(\d+)/g)].map((m) => Number(m[1]));
        assert.equal(all.length, 3);
        assert.equal(alive(all[2]!), true);
        // 0: every running copy ended cleanly after the SIGTERM the supervisor sent it (not killed)
        assert.equal(await cli.stop(), 0);
        assert.match(cli.output(), /stopping 2 workers/);
        for (const pid of all) assert.equal(alive(pid), false, `worker ${pid} outlived the CLI`);
      } finally {
        await cli.stop();
      }
    });

    it('should refuse a bad count and --workers with --watch, exiting 2 with the reason', async () => {
      const bad = await runCli(['start', '--workers', 'many'], { cwd: dir });
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /workers must be 'auto' or a whole number >= 1 \(got 'many'\)/);
      const watch = await runCli(['start', '--workers', '2', '--watch'], { cwd: dir });
      assert.equal(watch.code, 2);
      assert.match(watch.stderr, /--workers cannot be combined with --watch/);
    });
  });

  describe('when the project does not compile', () => {
    it("should print tsc's errors and a clear message, and exit 1", async () => {
      writeFileSync(join(dir, 'src', 'broken.ts'), 'export const n: number = "text";\n');
      try {
        const res = await runCli(['start'], { cwd: dir });
        assert.equal(res.code, 1);
        assert.match(res.stderr, /broken\.ts\(1,14\): error TS2322/);
        assert.match(res.stderr, /panini: the build failed/);
      } finally {
        rmSync(join(dir, 'src', 'broken.ts'));
      }
    });
  });

  describe('when the entry file does not exist', () => {
    it('should name the file and the setting to fix, and exit 1', async () => {
      writeFileSync(join(dir, 'nest-cli-style.json'), JSON.stringify({ entryFile: 'server' }));
      try {
        const res = await runCli(['start'], { cwd: dir });
        assert.equal(res.code, 1);
        assert.match(res.stderr, /the entry file .*src\/server\.ts does not exist: check sourceRoot and entryFile/);
      } finally {
        rmSync(join(dir, 'nest-cli-style.json'));
      }
    });
  });
});
