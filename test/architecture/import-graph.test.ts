import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { checkGraph, describeViolation, importsOf, readGraph, unusedExceptions, type ImportEdge } from './import-graph.js';
import { LAYERS } from './layer-rules.js';

const repo = fileURLToPath(new URL('../../../', import.meta.url));

describe('importsOf', () => {
  describe('when a file imports in every form', () => {
    it('should list static, type-only, re-export, side-effect and dynamic imports', () => {
      const source = [
        "import { a } from './a.js';",
        "import type { B } from '../b/b.js';",
        "export { c } from './c.js';",
        "export * from './d.js';",
        "import './e.js';",
        "const f = await import('./f.js');",
      ].join('\n');
      assert.deepEqual(importsOf(source).sort(), ['../b/b.js', './a.js', './c.js', './d.js', './e.js', './f.js']);
    });
  });

  describe('when a path only appears in a comment or a string', () => {
    it('should not count it', () => {
      const source = "// import { x } from '../pipeline/x.js';\nconst s = \"from '../pipeline/y.js'\";\nconst t = `import { z } from '../../src/z.js'`;";
      assert.deepEqual(importsOf(source), []);
    });
  });
});

describe('checkGraph', () => {
  describe('when a lower folder imports a higher one', () => {
    it('should report the file, the import and the rule it breaks', () => {
      const edges: ImportEdge[] = [
        { file: 'src/pipeline/runner.ts', specifier: '../transport/transport.js' },
        { file: 'src/transport/request-mux.ts', specifier: '../pipeline/errors.js' },
      ];
      const found = checkGraph(edges, LAYERS, []);
      assert.equal(found.length, 1);
      assert.equal(found[0]!.file, 'src/transport/request-mux.ts');
      assert.equal(found[0]!.specifier, '../pipeline/errors.js');
      assert.match(describeViolation(found[0]!), /src\/transport\/request-mux\.ts imports '\.\.\/pipeline\/errors\.js' \(transport -> pipeline\): transport may import only errors, not pipeline/);
    });
  });

  describe('when a type-only import points upward', () => {
    it('should report it like a value import', () => {
      const edges = [{ file: 'src/metadata/subject.decorator.ts', specifier: '../pipeline/codec.js' }];
      assert.equal(checkGraph(edges, LAYERS, []).length, 1);
    });
  });

  describe('when the core imports an optional part', () => {
    it('should report it unless it is a listed exception', () => {
      const edges = [{ file: 'src/app.ts', specifier: './http/http-server.js' }, { file: 'src/pipeline/x.ts', specifier: '../scheduler/clock.js' }];
      assert.equal(checkGraph(edges, LAYERS, []).length, 2);
      assert.equal(checkGraph(edges, LAYERS, [{ from: 'src/app.ts', to: 'http' }]).length, 1);
    });
  });

  describe('when a file uses a folder the table does not know', () => {
    it('should ask for the folder to be placed in the table', () => {
      const found = checkGraph([{ file: 'src/kv/watcher.ts', specifier: '../pipeline/handler-runner.js' }], LAYERS, []);
      assert.match(found[0]!.rule, /'kv' is not in the layer table/);
    });
  });
});

describe('src/', () => {
  const edges = readGraph(repo);

  describe('when its files are read', () => {
    it('should find the imports of every folder', () => {
      const files = new Set(edges.map((e) => e.file.split('/')[1]));
      for (const folder of ['errors', 'pipeline', 'transport', 'http', 'testing']) assert.ok(files.has(folder), folder);
    });
  });

  describe('when every import is checked against the layer table', () => {
    it('should find none pointing the wrong way', () => {
      assert.deepEqual(checkGraph(edges).map(describeViolation), []);
    });

    it('should have no known exception that nothing uses any more', () => {
      assert.deepEqual(unusedExceptions(edges), []);
    });
  });
});
