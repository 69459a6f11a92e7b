import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ContainerError } from '../../src/index.js';
import { ConfigError } from '../../src/config/index.js';
import type { ContractScope } from './contract-target.js';
import { BadGreeterModule, ENDED, greetApp, NoForwardRefModule, PingModule, ScopedModule, WrongScopeModule } from './di-fixtures.js';

/** Dependency injection as NestJS users expect it, the same on every broker. */
export function diCases(scope: ContractScope): void {
  describe('dependency injection', () => {
    describe('when two messages are handled at the same time by a controller with message-scoped dependencies', () => {
      it('should give each message its own instances, shared by everything resolved for that message', async () => {
        const app = await scope.app({ imports: [ScopedModule] });
        const [a, b] = await Promise.all([
          app.request<{ direct: number; deep: number; resolved: number }>('scoped.instances', {}, { headers: { 'x-tenant': 'a' } }),
          app.request<{ direct: number; deep: number; resolved: number }>('scoped.instances', {}, { headers: { 'x-tenant': 'b' } }),
        ]);
        assert.equal(a.direct, a.deep);
        assert.equal(a.direct, a.resolved);
        assert.equal(b.direct, b.deep);
        assert.equal(b.direct, b.resolved);
        assert.notEqual(a.direct, b.direct);
      });
    });

    describe('when a tenant header is sent', () => {
      it('should reach the message-scoped provider three levels below the controller, and end the scope of each message (onMessageEnd) once its handler returned', async () => {
        const app = await scope.app({ imports: [ScopedModule] });
        const [acme, globex] = await Promise.all([
          app.request('scoped.order', { id: '7' }, { headers: { 'x-tenant': 'acme' } }),
          app.request('scoped.order', { id: '8' }, { headers: { 'X-Tenant': 'globex' } }),
        ]);
        assert.deepEqual(acme, { id: '7', tenant: 'acme' });
        assert.deepEqual(globex, { id: '8', tenant: 'globex' });
        assert.deepEqual([...app.get<string[]>(ENDED)].sort(), ['acme', 'globex']);
      });
    });

    describe('when a singleton depends on a message-scoped provider', () => {
      it('should refuse to create the app, naming both and saying why', async () => {
        const err = await scope.app({ imports: [WrongScopeModule] }).catch((e: unknown) => e);
        assert.ok(ContainerError.is(err));
        assert.equal(err.kind, 'scope');
        assert.match(err.message, /TenantCache \(module WrongScopeModule\) is a singleton but depends on TenantContext, which is message-scoped/);
        assert.match(err.message, /keep the first message's TenantContext/);
      });
    });

    describe('when modules import each other and constructors form a cycle, through forwardRef', () => {
      it('should build both and let each side call the other', async () => {
        const app = await scope.app({ imports: [PingModule] });
        assert.equal(await app.request('cycle.rally', { n: 3 }), 'ping pong ping pong');
      });
    });

    describe('when constructors form a cycle without forwardRef', () => {
      it('should fail with the cycle and the parameter to mark with forwardRef', async () => {
        const err = await scope.app({ imports: [NoForwardRefModule] }).catch((e: unknown) => e);
        assert.ok(ContainerError.is(err));
        assert.equal(err.kind, 'cycle');
        assert.match(err.message, /dependency cycle: (Left -> 'Right' -> Left|'Right' -> Left -> 'Right')/);
        assert.match(err.message, /@Inject\(forwardRef\(\(\) => /);
      });
    });

    describe('when a library module built with ConfigurableModuleBuilder is imported through forRootAsync with the typed config', () => {
      it('should configure it from the config class', async () => {
        const app = await scope.app(greetApp({ GREETING: 'hello', GREET_TIMES: '2' }));
        assert.equal(await app.request('greet.hello', { name: 'ada' }), 'hello ada, hello ada');
      });

      it('should refuse options its class rejects at start-up, listing every bad field', async () => {
        const err = await scope.app({ imports: [BadGreeterModule] }).catch((e: unknown) => e);
        assert.ok(ContainerError.is(err), String(err));
        assert.equal(err.kind, 'invalid-provider');
        assert.match(err.message, /invalid options for GreeterModule: greeting: greeting must be a string, times: times must not be less than 1/);
      });
    });

    describe('when a handler uses the module reference', () => {
      it('should get singletons of any module with strict: false, refuse them strictly outside their module, and create classes that are not providers', async () => {
        const app = await scope.app(greetApp({ GREETING: 'hi', GREET_TIMES: '1' }));
        assert.deepEqual(await app.request('greet.refs', {}), { strictRefused: 'unknown-token', same: true, loose: 'hi', created: 'hi newcomer', fresh: true });
      });
    });

    describe('when several variables are wrong', () => {
      it('should list every one of them in one error before anything connects', async () => {
        const err = await scope.app(greetApp({ GREET_TIMES: 'often' })).catch((e: unknown) => e);
        assert.ok(ConfigError.is(err), String(err));
        assert.deepEqual(err.problems.map((p) => p.variable).sort(), ['GREETING', 'GREET_TIMES']);
        assert.match(err.message, /GREETING \(not set\)/);
        assert.doesNotMatch(err.message, /often/);
      });
    });
  });
}
