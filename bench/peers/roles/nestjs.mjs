// NestJS microservices with its NATS transport (@nestjs/microservices), written as its docs show:
// a @Controller with @EventPattern / @MessagePattern handlers, NestFactory.createMicroservice with a
// queue group, and ClientProxy send()/emit() on the calling side. Plain JavaScript, so the
// decorators are applied by hand (Reflect.decorate is what TypeScript emits for them).
import 'reflect-metadata';
import { Controller, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ClientProxyFactory, EventPattern, MessagePattern, Transport } from '@nestjs/microservices';
import { firstValueFrom } from 'rxjs';
import { HitCounter, ORDER, QUEUE, orderEvent, parallelLoop, publishLoop, serialLoop, settleThen, subjectOf } from './shared.mjs';

function decorateMethod(decorator, cls, method) {
  Reflect.decorate([decorator], cls.prototype, method, Object.getOwnPropertyDescriptor(cls.prototype, method));
}

export function nestService() {
  const hits = new HitCounter();
  let app;
  return {
    async setup({ url, prefix }) {
      class OrdersController {
        onEvent(event) { if (event.seq >= 0) hits.hit(); }
        plain(order) { hits.hit(); return { ok: true, id: order.id }; }
      }
      decorateMethod(EventPattern(subjectOf(prefix, 'events')), OrdersController, 'onEvent');
      decorateMethod(MessagePattern(subjectOf(prefix, 'request')), OrdersController, 'plain');
      Reflect.decorate([Controller()], OrdersController);
      class BenchModule {}
      Reflect.decorate([Module({ controllers: [OrdersController] })], BenchModule);
      app = await NestFactory.createMicroservice(BenchModule, { transport: Transport.NATS, options: { servers: [url], queue: QUEUE }, logger: false });
      await app.listen();
    },
    arm({ count }) { hits.arm(count ?? Number.POSITIVE_INFINITY); },
    wait() { return hits.wait(); },
    snapshot() { return hits.snapshot(); },
    async close() { await app?.close(); },
  };
}

export function nestClient() {
  let client;
  const request = (subject) => async () => {
    const ack = await firstValueFrom(client.send(subject, ORDER));
    if (ack.ok !== true) throw new Error(`unexpected reply ${JSON.stringify(ack)}`);
  };
  return {
    async setup({ url }) {
      client = ClientProxyFactory.create({ transport: Transport.NATS, options: { servers: [url] } });
      await client.connect();
    },
    publish({ count, subject, batch }) {
      return publishLoop(count, (seq) => { client.emit(subject, orderEvent(seq)); }, settleThen(() => client.unwrap().flush()), batch);
    },
    serial({ count, subject }) { return serialLoop(count, request(subject)); },
    parallel({ count, subject, inFlight }) { return parallelLoop(count, inFlight ?? 64, request(subject)); },
    async close() { await client?.close(); },
  };
}
