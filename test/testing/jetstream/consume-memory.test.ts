import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { IsString } from 'class-validator';
import { Controller, Ctx, ManualClock, Module, Payload } from '../../../src/index.js';
import { Consume, DEAD_LETTER_HEADERS, JetStreamContext, JetStreamModule } from '../../../src/jetstream/index.js';
import { MemoryBroker, MemoryTransport, Test, waitUntil } from '../../../src/testing/index.js';

const td = new TextDecoder();

describe('@Consume handlers on the memory broker', () => {
  describe('when a message fails on every attempt', () => {
    const seen: Array<{ id: string; count: number }> = [];
    @Controller()
    class Picky {
      @Consume('JOBS', { durable: 'picky', backoff: [1000], maxDeliver: 3 })
      run(@Payload() job: { id: string }, @Ctx() ctx: JetStreamContext): void {
        seen.push({ id: job.id, count: ctx.deliveryCount });
        if (job.id === 'poison') throw new Error('cannot run poison');
      }
    }
    @Module({ imports: [JetStreamModule.forRoot({ streams: [{ name: 'JOBS', subjects: ['jobs.>'] }] })], controllers: [Picky] })
    class JobsModule {}

    it('should dead-letter it after maxDeliver attempts, with its headers, and go on with the next', async () => {
      const clock = new ManualClock();
      const app = await Test.createTestingModule({ imports: [JobsModule] }).withOptions({ scheduler: { clock } }).compile();
      try {
        await app.publish('jobs.run', { id: 'poison' });
        await app.publish('jobs.run', { id: 'fine' });
        await waitUntil(() => seen.some((s) => s.id === 'fine'), { what: 'the next message handled' });
        for (let attempt = 2; attempt <= 3; attempt++) {
          await clock.advance(1000);
          await waitUntil(() => seen.filter((s) => s.id === 'poison').length === attempt, { what: `attempt ${attempt}` });
        }
        await waitUntil(() => app.jetstream.streamNames().includes('JOBS_DLQ') && app.jetstream.streamInfo('JOBS_DLQ').state.messages === 1, { what: 'the dead letter stored' });
        const letter = app.jetstream.getMessage('JOBS_DLQ', 1);
        assert.deepEqual(JSON.parse(td.decode(letter.data)), { id: 'poison' });
        assert.equal(letter.headers?.[DEAD_LETTER_HEADERS.deliveryCount], '3');
        assert.equal(letter.headers?.[DEAD_LETTER_HEADERS.streamSequence], '1');
        assert.equal(letter.headers?.[DEAD_LETTER_HEADERS.errorCode], '500');
        await clock.advance(60_000);
        await app.settle();
        assert.deepEqual(seen.filter((s) => s.id === 'poison').map((s) => s.count), [1, 2, 3], 'never delivered again');
        assert.equal(app.jetstream.consumerInfo('JOBS', 'picky').num_ack_pending, 0);
      } finally {
        await app.close();
      }
    });
  });

  describe('when two consumers of one stream both refuse the same invalid message', () => {
    class Job { @IsString() id!: string }
    @Controller()
    class Both {
      @Consume('TASKS', { durable: 'billing' }) billing(@Payload() _job: Job): void {}
      @Consume('TASKS', { durable: 'audit' }) audit(@Payload() _job: Job): void {}
    }
    @Module({ imports: [JetStreamModule.forRoot({ streams: [{ name: 'TASKS', subjects: ['tasks.>'] }] })], controllers: [Both] })
    class TasksModule {}

    it('should store one dead letter per consumer, each naming its consumer', async () => {
      const app = await Test.createTestingModule({ imports: [TasksModule] }).compile();
      try {
        await app.publish('tasks.run', { id: 42 });
        await waitUntil(() => app.jetstream.streamNames().includes('TASKS_DLQ') && app.jetstream.streamInfo('TASKS_DLQ').state.messages >= 2, { what: 'two dead letters' });
        await app.settle();
        const letters = [1, 2].map((seq) => app.jetstream.getMessage('TASKS_DLQ', seq));
        assert.deepEqual(letters.map((l) => l.subject).sort(), ['dlq.TASKS.audit', 'dlq.TASKS.billing']);
        assert.deepEqual(letters.map((l) => l.headers?.[DEAD_LETTER_HEADERS.streamSequence]), ['1', '1']);
        assert.deepEqual(letters.map((l) => l.headers?.[DEAD_LETTER_HEADERS.errorCode]), ['400', '400']);
        assert.equal(app.jetstream.streamInfo('TASKS_DLQ').state.messages, 2);
      } finally {
        await app.close();
      }
    });
  });

  describe('when two instances share a durable consumer and a handler has concurrency 2', () => {
    const handled: number[] = [];
    const pendingSeen: number[] = [];
    let broker: MemoryBroker;
    @Controller()
    class Worker {
      @Consume('WORK', { durable: 'workers', concurrency: 2 })
      async work(@Payload() job: { n: number; }, @Ctx() ctx: JetStreamContext): Promise<void> {
        pendingSeen.push(broker.jetstream.consumerInfo('WORK', 'workers').num_ack_pending);
        assert.equal(ctx.consumer, 'workers');
        handled.push(job.n);
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    @Module({ imports: [JetStreamModule.forRoot({ streams: [{ name: 'WORK', subjects: ['work.>'] }] })], controllers: [Worker] })
    class WorkModule {}

    it('should handle each message once across both, never with more than 2 per instance unacknowledged', async () => {
      broker = new MemoryBroker();
      const a = await Test.createTestingModule({ imports: [WorkModule] }).useTransport(new MemoryTransport({ broker })).compile();
      const b = await Test.createTestingModule({ imports: [WorkModule] }).useTransport(new MemoryTransport({ broker })).compile();
      try {
        for (let n = 0; n < 100; n++) a.client.publish('work.do', { n });
        await waitUntil(() => handled.length >= 100, { what: '100 jobs handled', timeout: 10_000 });
        await a.settle();
        await b.settle();
        assert.deepEqual([...handled].sort((x, y) => x - y), Array.from({ length: 100 }, (_, i) => i));
        assert.ok(Math.max(...pendingSeen) <= 4, `num_ack_pending peaked at ${Math.max(...pendingSeen)} with two instances of concurrency 2`);
        await waitUntil(() => broker.jetstream.consumerInfo('WORK', 'workers').ack_floor.stream_seq === 100, { what: 'every job acked' });
      } finally {
        await a.close();
        await b.close();
      }
    });
  });
});
