import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO, runProcess, startProcess } from '../cli/support/run-cli.js';
import { startNatsServer } from '../../src/testing/nats-server.js';
import { expectSuccess, writeFiles } from './support/consumer-project.js';
import { installScaffold } from './support/scaffold-install.js';

// README "Set-up": from a checkout, `npx @panini/core new billing --directory ../billing` packs the
// checkout into the project (the package is not on the npm registry yet), then npm install, npm test.
describe('a new project made from a checkout (npx @panini/core new)', () => {
  let root: string;
  let dir: string;
  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'panini-new-'));
    dir = join(root, 'billing');
    // --skip-install: the test installs offline from npm's cache; users' `npm install` reaches the registry
    expectSuccess('npx @panini/core new', await runProcess('npx', ['--offline', '@panini/core', 'new', 'billing', '--directory', dir, '--skip-install'], { cwd: REPO, timeout: 120_000 }));
    // a helper beside the tests: `npm test` must not run it as a test file
    writeFiles(dir, { 'test/support/not-a-test.ts': "throw new Error('a helper was run as a test file');\n" });
    await installScaffold(dir);
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('should depend on a packed copy of the checkout, and on class-validator and class-transformer itself', () => {
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    assert.match(pkg.dependencies['@panini/core']!, /^file:vendor\/panini-core-\d+\.\d+\.\d+\.tgz$/);
    assert.ok(pkg.dependencies['class-validator'] && pkg.dependencies['class-transformer']);
    // one copy: nothing under @panini/core's own node_modules
    assert.equal(existsSync(join(dir, 'node_modules/@panini/core/node_modules/class-transformer')), false);
  });

  it('should copy the packed copy into the image before installing, so docker build finds it', () => {
    const docker = readFileSync(join(dir, 'Dockerfile'), 'utf8');
    const stages = docker.split(/^FROM /m).slice(1);
    for (const stage of stages.filter((st) => /npm ci/.test(st))) {
      assert.ok(stage.indexOf('COPY vendor ./vendor') >= 0 && stage.indexOf('COPY vendor ./vendor') < stage.indexOf('RUN npm ci'), `stage without vendor before npm ci:\n${stage}`);
    }
    assert.equal(stages.filter((st) => /npm ci/.test(st)).length, 2);
  });

  it('should build and pass its own tests, running test files only', async () => {
    const res = await runProcess('npm', ['test'], { cwd: dir, timeout: 120_000 });
    assert.equal(res.code, 0, `${res.stdout}\n${res.stderr}`);
    assert.match(res.stdout, /^[#ℹ] pass 3$/m);
    assert.match(res.stdout, /^[#ℹ] fail 0$/m);
  });

  it('should run as its start script and README say, answer a request, and exit 0 on SIGTERM', async () => {
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    assert.equal(pkg.scripts['start'], 'node --enable-source-maps dist/src/main.js');
    assert.match(readFileSync(join(dir, 'README.md'), 'utf8'), /npm start\s+# node dist\/src\/main\.js/);
    const nats = await startNatsServer();
    const service = startProcess(process.execPath, ['--enable-source-maps', 'dist/src/main.js'], { cwd: dir, env: { NATS_URL: nats.url } });
    try {
      await service.waitFor(/billing started/, 30_000);
      const res = await runProcess('npx', ['--offline', 'panini', 'request', 'billing.greet', '{"name":"Ada"}'], { cwd: dir, env: { NATS_URL: nats.url } });
      assert.equal(res.code, 0, res.stderr);
      assert.deepEqual(JSON.parse(res.stdout), { text: 'Hello, Ada!' });
      assert.equal(await service.stop(), 0);
    } finally {
      await service.stop();
      await nats.dispose();
    }
  });

  it('should print a start-up error in one line and exit 1', async () => {
    const service = startProcess(process.execPath, ['dist/src/main.js'], { cwd: dir, env: { NATS_URL: 'http://127.0.0.1:1' } });
    assert.equal(await service.exited(), 1);
    assert.match(service.output(), /^billing could not start: NATS_URL has a URL NATS cannot use: "http:\/\/127\.0\.0\.1:1"/m);
    assert.doesNotMatch(service.output(), /\n\s+at /);
  });
});
