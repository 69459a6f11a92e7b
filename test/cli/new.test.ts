import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, runProcess } from './support/run-cli.js';
import { scaffold, type Scaffold } from './support/scaffold.js';

describe('panini new', () => {
  describe('when it creates a service', () => {
    let s: Scaffold;
    before(async () => { s = await scaffold('billing'); });
    after(() => s.dispose());

    it('should write a module, controller, DTO, provider, tests, Dockerfile and README', () => {
      for (const f of ['package.json', 'tsconfig.json', 'nest-cli-style.json', 'Dockerfile', 'README.md', 'src/main.ts', 'src/app.module.ts',
        'src/greetings/greetings.module.ts', 'src/greetings/greetings.controller.ts', 'src/greetings/greetings.service.ts',
        'src/greetings/dto/greet.dto.ts', 'test/greetings/greetings.controller.test.ts']) {
        assert.ok(existsSync(join(s.dir, f)), `${f} is missing`);
      }
    });

    it('should depend on @panini/core and use the service name as the subject prefix', () => {
      const pkg = JSON.parse(readFileSync(join(s.dir, 'package.json'), 'utf8')) as { name: string; dependencies: Record<string, string> };
      assert.equal(pkg.name, 'billing');
      assert.match(pkg.dependencies['@panini/core']!, /^\^\d+\.\d+\.\d+/);
      assert.match(readFileSync(join(s.dir, 'src/greetings/greetings.controller.ts'), 'utf8'), /@Controller\('billing'\)/);
    });

    it('should write a Dockerfile that builds in stages and runs as a non-root user', () => {
      const docker = readFileSync(join(s.dir, 'Dockerfile'), 'utf8');
      assert.ok((docker.match(/^FROM /gm) ?? []).length >= 2);
      assert.match(docker, /^USER node$/m);
    });

    it('should build and pass its own tests as generated', async () => {
      const res = await runProcess('npm', ['test'], { cwd: s.dir, timeout: 60_000 });
      assert.equal(res.code, 0, `${res.stdout}\n${res.stderr}`);
      // Node 20 and 22 report in TAP when not on a terminal (`# pass 3`), Node 24 in spec (`ℹ pass 3`).
      assert.match(res.stdout, /^[#ℹ] pass 3$/m);
      assert.match(res.stdout, /^[#ℹ] fail 0$/m);
    });
  });

  describe('when the folder exists and is not empty', () => {
    it('should refuse with a clear message and exit 2', async () => {
      const root = mkdtempSync(join(tmpdir(), 'panini-cli-'));
      try {
        writeFileSync(join(root, 'keep.txt'), 'x');
        const res = await runCli(['new', 'billing', '--directory', '.', '--skip-install'], { cwd: root });
        assert.equal(res.code, 2);
        assert.match(res.stderr, /already exists and is not empty/);
        assert.doesNotMatch(res.stderr, /\n\s+at /);
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    });
  });

  describe('when the name is not a valid name', () => {
    it('should explain what a name may contain and exit 2', async () => {
      const res = await runCli(['new', '9lives!', '--skip-install'], { cwd: tmpdir() });
      assert.equal(res.code, 2);
      assert.match(res.stderr, /the service name "9lives!" is not valid/);
    });
  });
});
