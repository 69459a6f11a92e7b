import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as ts from 'typescript';
import { registerInModule } from '../../src/cli/generate/register-in-module.js';
import { CliError } from '../../src/cli/cli-error.js';

const add = (source: string, list: 'imports' | 'controllers' | 'providers' = 'providers') =>
  registerInModule(ts, source, 'x.module.ts', list, 'NewService', './new.service.js');

describe('registerInModule', () => {
  describe('when the list exists on one line', () => {
    it('should append the class and add an import after the last one', () => {
      const out = add(`import { Module } from '@panini/core';\nimport { A } from './a.js';\n\n@Module({ providers: [A] })\nexport class XModule {}\n`);
      assert.equal(out, `import { Module } from '@panini/core';\nimport { A } from './a.js';\nimport { NewService } from './new.service.js';\n\n@Module({ providers: [A, NewService] })\nexport class XModule {}\n`);
    });
  });

  describe('when the list is empty', () => {
    it('should put the class inside the brackets', () => {
      assert.match(add(`import { Module } from '@panini/core';\n@Module({ providers: [] })\nexport class XModule {}\n`)!, /providers: \[NewService\]/);
    });
  });

  describe('when the list is missing from a multi-line object', () => {
    it('should add the property on its own line with the same indentation', () => {
      const out = add(`import { Module } from '@panini/core';\n\n@Module({\n  imports: [],\n})\nexport class XModule {}\n`, 'controllers');
      assert.match(out!, /@Module\(\{\n {2}imports: \[\],\n {2}controllers: \[NewService\],\n\}\)/);
    });
  });

  describe('when @Module() has no argument', () => {
    it('should give it an object with the list', () => {
      assert.match(add(`import { Module } from '@panini/core';\n@Module()\nexport class XModule {}\n`)!, /@Module\(\{ providers: \[NewService\] \}\)/);
    });
  });

  describe('when the class is already registered', () => {
    it('should change nothing', () => {
      assert.equal(add(`import { Module } from '@panini/core';\nimport { NewService } from './new.service.js';\n@Module({ providers: [NewService] })\nexport class XModule {}\n`), undefined);
    });
  });

  describe('when the list is not an array literal', () => {
    it('should ask for a change by hand', () => {
      assert.throws(() => add(`import { Module } from '@panini/core';\nconst P = [];\n@Module({ providers: P })\nexport class XModule {}\n`), (e: unknown) => e instanceof CliError && /not an array literal; add NewService to it by hand/.test(e.message));
    });
  });

  describe('when the file has no @Module', () => {
    it('should say so', () => {
      assert.throws(() => add('export class Nothing {}\n'), /has no @Module\(\.\.\.\) class decorator/);
    });
  });
});
