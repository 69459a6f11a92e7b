import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkSchemaKeywords, validateAgainstSchema } from '../../src/cli/config/schema-check.js';
import { loadSchema, readConfig, resolveProject } from '../../src/cli/config/load-config.js';
import { CliError } from '../../src/cli/cli-error.js';
import { REPO, runCli } from './support/run-cli.js';

describe('nest-cli-style.json', () => {
  describe('when the schema is read', () => {
    it('should use only keywords the CLI checks', () => {
      assert.deepEqual(checkSchemaKeywords(loadSchema()), []);
    });
  });

  describe("when the repository's own config is read", () => {
    it('should be valid and name the example service as the default project', () => {
      const config = readConfig(join(REPO, 'nest-cli-style.json'));
      const p = resolveProject(config, REPO, join(REPO, 'nest-cli-style.json'));
      assert.equal(p.name, 'example-service');
      assert.equal(p.sourceRoot, join(REPO, 'example-service', 'src'));
      assert.equal(p.tsConfigPath, join(REPO, 'example-service', 'tsconfig.json'));
    });
  });

  describe('when a value has the wrong type, and a key is misspelt', () => {
    it('should report each problem with its path and a suggestion', () => {
      const problems = validateAgainstSchema({ sourcRoot: 'src', generateOptions: { spec: 'yes' }, projects: { api: { root: 'api', entryFile: 3 } } }, loadSchema());
      const text = problems.map((p) => `${p.path} ${p.message}`);
      assert.ok(text.includes('(root) has an unknown property "sourcRoot"; did you mean "sourceRoot"?'), text.join('\n'));
      assert.ok(text.includes('generateOptions.spec must be a boolean (got string)'), text.join('\n'));
      assert.ok(text.includes('projects.api.entryFile must be a string (got integer)'), text.join('\n'));
    });
  });

  describe('when a project misses its root, or appModule has no export name', () => {
    it('should report both', () => {
      const problems = validateAgainstSchema({ appModule: 'app.module', projects: { api: {} } }, loadSchema());
      assert.ok(problems.some((p) => p.path === 'projects.api' && /required property "root"/.test(p.message)));
      assert.ok(problems.some((p) => p.path === 'appModule' && /invalid form/.test(p.message)));
    });
  });

  describe('when projects are defined', () => {
    it('should resolve the chosen project with top-level defaults under it', () => {
      const p = resolveProject({ entryFile: 'server', generateOptions: { spec: false }, projects: { api: { root: 'apps/api', generateOptions: { flat: true } } } }, '/w', undefined, 'api');
      assert.deepEqual({ root: p.root, src: p.sourceRoot, entry: p.entryFile, test: p.testRoot, gen: p.generate }, {
        root: '/w/apps/api', src: '/w/apps/api/src', entry: 'server', test: '/w/apps/api/test', gen: { spec: false, flat: true },
      });
    });

    it('should name the projects when an unknown one is asked for', () => {
      assert.throws(() => resolveProject({ projects: { api: { root: 'api' } } }, '/w', undefined, 'apu'), (e: unknown) => e instanceof CliError && /unknown project "apu"; did you mean "api"\?/.test(e.message));
    });
  });

  describe('when the CLI meets a broken config', () => {
    let dir: string;
    before(() => { dir = mkdtempSync(join(tmpdir(), 'panini-config-')); });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('should print the file, line and column of a JSON syntax error and exit 2 without a stack trace', async () => {
      const d = join(dir, 'syntax');
      mkdirSync(d);
      writeFileSync(join(d, 'nest-cli-style.json'), '{\n  "sourceRoot": "src",\n  "entryFile": main\n}\n');
      const res = await runCli(['info'], { cwd: d });
      assert.equal(res.code, 2);
      assert.match(res.stderr, /nest-cli-style\.json is not valid JSON \(line 3, column \d+\)/);
      assert.doesNotMatch(res.stderr, /\n\s+at /);
    });

    it('should list every schema problem and exit 2', async () => {
      const d = join(dir, 'schema');
      mkdirSync(d);
      writeFileSync(join(d, 'nest-cli-style.json'), JSON.stringify({ entryFile: 7, defaultProject: 'web', projects: { api: { root: 'api' } } }));
      const res = await runCli(['generate', 'module', 'x'], { cwd: d });
      assert.equal(res.code, 2);
      assert.match(res.stderr, /does not match nest-cli-style\.schema\.json:\n {2}- entryFile must be a string \(got integer\)/);
    });

    it('should reject a defaultProject that is not a project', async () => {
      const d = join(dir, 'default');
      mkdirSync(d);
      writeFileSync(join(d, 'nest-cli-style.json'), JSON.stringify({ defaultProject: 'apo', projects: { api: { root: 'api' } } }));
      const res = await runCli(['start'], { cwd: d });
      assert.equal(res.code, 2);
      assert.match(res.stderr, /defaultProject "apo" is not a key of projects; did you mean "api"\?/);
    });
  });

  describe('when the example config is copied by a user', () => {
    it('should point editors at the schema', () => {
      const config = JSON.parse(readFileSync(join(REPO, 'nest-cli-style.json'), 'utf8')) as { $schema: string };
      assert.equal(config.$schema, './nest-cli-style.schema.json');
    });
  });
});
