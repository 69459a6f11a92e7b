import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dockerfile = readFileSync(fileURLToPath(new URL('../../../Dockerfile', import.meta.url)), 'utf8');
const instructions = dockerfile.split('\n').filter((l) => /^[A-Z]+\s/.test(l));

describe('example-service/Dockerfile', () => {
  describe('when its stages are read', () => {
    it('should build in separate stages and copy only the compiled code into the last one', () => {
      const stages = instructions.filter((l) => l.startsWith('FROM '));
      assert.ok(stages.length >= 3, stages.join('\n'));
      const last = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
      assert.doesNotMatch(last, /npm ci|tsc /);
      assert.match(last, /COPY --from=build \/app\/example-service\/dist\/src/);
    });

    it('should run as a non-root user', () => {
      const users = instructions.filter((l) => l.startsWith('USER '));
      assert.equal(users.at(-1), 'USER node');
      assert.ok(instructions.indexOf('USER node') < instructions.findIndex((l) => l.startsWith('CMD ')));
    });

    it('should check readiness and run the compiled entry point', () => {
      assert.match(dockerfile, /HEALTHCHECK[\s\S]*\/readyz/);
      assert.match(instructions.at(-1)!, /^CMD \["node", "--enable-source-maps", "example-service\/dist\/src\/main\.js"\]$/);
    });
  });
});
