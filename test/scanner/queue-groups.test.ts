import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { HandlerDefinition } from '../../src/scanner/handler-definition.js';
import type { SubjectOptions } from '../../src/metadata/subject.decorator.js';
import { describeConflict, planQueues } from '../../src/scanner/queue-groups.js';

class Users {}
class Audit {}

function def(controller: new () => unknown, method: string, subject: string, options: SubjectOptions = {}, controllerQueue?: string | false): HandlerDefinition {
  return {
    controller, method, name: `${controller.name}.${method}`, pattern: subject, subject: subject.replace(/\{\w+\}/g, '*'), tokens: [],
    options, controllerQueue, params: [], paramTypes: [], returnType: undefined, extensions: { middleware: [], guards: [], interceptors: [], filters: [] },
  };
}

describe('planQueues', () => {
  describe('when no two handlers can receive one message', () => {
    it('should keep the service name as every queue group, so deployments keep their queue names', () => {
      const plan = planQueues([def(Users, 'create', 'users.create'), def(Users, 'get', 'users.{id}.get')], 'svc');
      assert.deepEqual(plan.queues, ['svc', 'svc']);
      assert.deepEqual(plan.conflicts, []);
    });
  });

  describe('when two methods overlap', () => {
    it('should give each its own group <service>.<Controller>.<method> and report the pair', () => {
      const hs = [def(Users, 'created', 'users.created'), def(Audit, 'created', 'users.created'), def(Audit, 'all', 'core.*'), def(Users, 'test', 'core.test'), def(Users, 'other', 'other')];
      const plan = planQueues(hs, 'svc');
      assert.deepEqual(plan.queues, ['svc.Users.created', 'svc.Audit.created', 'svc.Audit.all', 'svc.Users.test', 'svc']);
      assert.deepEqual(plan.conflicts.map((c) => [c.a.name, c.b.name]), [['Users.created', 'Audit.created'], ['Audit.all', 'Users.test']]);
      assert.match(describeConflict(plan.conflicts[1]!), /Audit\.all \('core\.\*'\) and Users\.test \('core\.test'\).*narrow one of the subjects.*\{ reply: false \}/);
    });
  });

  describe('when queue groups are explicit', () => {
    it('should let handler and controller options win, and not count a handler in another group as competing', () => {
      const hs = [def(Users, 'a', 'x.*', { queue: 'mine' }), def(Users, 'b', 'x.y', {}, false), def(Audit, 'c', 'x.y')];
      assert.deepEqual(planQueues(hs, 'svc').queues, ['mine', false, 'svc']);
    });

    it('should count a handler that names the service group explicitly as competing', () => {
      const hs = [def(Users, 'a', 'x.*', { queue: 'svc' }), def(Audit, 'c', 'x.y')];
      assert.deepEqual(planQueues(hs, 'svc').queues, ['svc', 'svc.Audit.c']);
    });
  });

  describe('when one method has several overlapping subjects', () => {
    it('should keep one group for the method so it runs once per message, and report nothing', () => {
      const plan = planQueues([def(Users, 'any', 'a.*'), def(Users, 'any', 'a.b')], 'svc');
      assert.deepEqual(plan.queues, ['svc', 'svc']);
      assert.deepEqual(plan.conflicts, []);
    });
  });

  describe('when all but one overlapping handler are observe-only', () => {
    it('should not report a conflict, but still give each its own group', () => {
      const plan = planQueues([def(Users, 'get', 'users.get'), def(Audit, 'seen', 'users.*', { reply: false })], 'svc');
      assert.deepEqual(plan.conflicts, []);
      assert.deepEqual(plan.queues, ['svc.Users.get', 'svc.Audit.seen']);
    });
  });
});
