import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { REPO, runProcess, startProcess } from '../cli/support/run-cli.js';
import { startNatsServer } from '../../src/testing/nats-server.js';
import { availableNodes, NODE_CACHE } from './support/node-binaries.js';
import { compile, copyFixture, expectSuccess, installPackage, writeFiles } from './support/consumer-project.js';
import { ownManifest, packPackage, type PackedPackage } from './support/packed-package.js';
import { readmeService } from './support/readme-service.js';

// One file for everything that needs the tarball: packing takes seconds, and each test file is its own process.
describe('the package as npm publishes it', () => {
  let work: string;
  let packed: PackedPackage;
  before(async () => {
    work = mkdtempSync(join(tmpdir(), 'panini-pack-'));
    packed = await packPackage(work);
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  describe('when packed', () => {
    it('should contain every file its package.json points at (exports, main, types, bin)', () => {
      const pkg = ownManifest();
      const targets = [pkg.main, pkg.types, ...Object.values(pkg.bin), ...Object.values(pkg.exports).flatMap((e) => Object.values(e))];
      const missing = targets.map((t) => t.replace(/^\.\//, '')).filter((t) => !packed.files.includes(t));
      assert.deepEqual(missing, []);
    });

    it('should leave out tests, benchmarks, fixtures, the example service and the documentation site', () => {
      const extra = packed.files.filter((f) => /(^|\/)(test|bench|example-service|fixtures|docs)\/|\.test\.[jt]s$/.test(f));
      assert.deepEqual(extra, []);
    });

    it('should ship the source file each source map points at', () => {
      const maps = packed.files.filter((f) => f.endsWith('.map'));
      assert.ok(maps.length > 0, 'no source maps shipped: drop this test if maps are no longer built');
      const dangling = maps.flatMap((m) => {
        const { sources } = JSON.parse(readFileSync(join(REPO, m), 'utf8')) as { sources: string[] };
        return sources.map((s) => posix.normalize(posix.join(posix.dirname(m), s))).filter((s) => !packed.files.includes(s));
      });
      assert.deepEqual(dangling, []);
    });
  });

  describe('when installed into an ES module project with the README minimal service', () => {
    let dir: string;
    before(async () => {
      dir = join(work, 'greeter');
      mkdirSync(dir);
      writeFiles(dir, readmeService());
      await installPackage(dir, packed);
    });

    it('should compile against its type declarations with strict and skipLibCheck false', async () => {
      await compile(dir);
    });

    it("should pass the README's test of the service", async () => {
      expectSuccess('node --test', await runProcess(process.execPath, ['--test', 'dist/greetings.test.js'], { cwd: dir }));
    });

    it('should run against nats-server and answer `npx panini request`, as the README shows', async () => {
      const nats = await startNatsServer();
      const service = startProcess(process.execPath, ['dist/main.js'], { cwd: dir, env: { NATS_URL: nats.url } });
      try {
        await service.waitFor(/greeter started/, 30_000);
        const ok = await runProcess('npx', ['--offline', 'panini', 'request', 'greetings.say', '{"name":"ann"}'], { cwd: dir, env: { NATS_URL: nats.url } });
        assert.equal(ok.code, 0, ok.stderr);
        assert.deepEqual(JSON.parse(ok.stdout), { text: 'hello ann (#1)' });
        await service.waitFor(/ann was greeted/);
        const bad = await runProcess('npx', ['--offline', 'panini', 'request', 'greetings.say', '{}'], { cwd: dir, env: { NATS_URL: nats.url } });
        assert.equal(bad.code, 1);
        assert.match(bad.stderr, /error 400 from 'greetings\.say': name is required/);
        // The app closes on SIGTERM, then lets the signal end the process (no SIGKILL needed).
        await service.stop();
        assert.equal(service.child.signalCode, 'SIGTERM');
        assert.match(service.output(), /received SIGTERM; shutting down/);
      } finally {
        await service.stop();
        await nats.dispose();
      }
    });

    it('should run its `panini` bin (`npx panini --help`)', async () => {
      const res = await runProcess('npx', ['--offline', 'panini', '--help'], { cwd: dir });
      assert.equal(res.code, 0, res.stderr);
      assert.match(res.stdout, /Usage: panini/);
    });

    // npx runs a scoped package's only bin whatever its name (with several it would need one named `core`)
    it('should run the same CLI as `npx @panini/core`, the name the README documents', async () => {
      const res = await runProcess('npx', ['--offline', '@panini/core', 'new', '--help'], { cwd: dir });
      assert.equal(res.code, 0, res.stderr);
      assert.match(res.stdout, /Usage: panini new \[options\] <name>/);
      assert.match(res.stdout, /--link \[path\]/);
    });
  });

  describe('when installed into a CommonJS project (NestJS set-ups: "module": "commonjs", and "nodenext")', () => {
    const nodes = availableNodes();
    const tests = ['dist/greetings.test.js', 'dist-nodenext/greetings.test.js'];
    let dir: string;
    before(async () => {
      dir = join(work, 'cjs-consumer');
      copyFixture('cjs-consumer', dir);
      await installPackage(dir, packed, ['class-validator']);
    });

    it('should compile with "module": "commonjs" (node10 resolution, subpath types from typesVersions)', async () => {
      await compile(dir, 'tsconfig.json');
    });

    it('should compile with "module": "nodenext" into CommonJS, checking every declaration (skipLibCheck false)', async () => {
      await compile(dir, 'tsconfig.nodenext.json');
    });

    it('should have a Node that can require() ES modules (22.12+, 24, 20.19+) to run it on', () => {
      assert.ok(nodes.some((n) => n.requireModule),
        `no Node here supports require() of ES modules (found ${nodes.map((n) => n.version).join(', ')}); ` +
        `run .ci/run, or npm install --prefix ${join(NODE_CACHE, '24')} node@24`);
    });

    for (const node of nodes) {
      if (node.requireModule) {
        it(`should pass the project's tests on Node ${node.version}`, async () => {
          expectSuccess(`node ${node.version} --test`, await runProcess(node.path, ['--test', ...tests], { cwd: dir }));
        });
      } else {
        it(`should fail with ERR_REQUIRE_ESM on Node ${node.version}, which cannot require() ES modules`, async () => {
          const res = await runProcess(node.path, ['-e', 'require("./dist/app.module")'], { cwd: dir });
          assert.notEqual(res.code, 0);
          assert.match(res.stderr, /ERR_REQUIRE_ESM/);
        });
      }
    }
  });
});
