import assert from 'node:assert/strict';
import { context, propagation, SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { Controller, Injectable, Logger, Module, NatsClient, Payload, ServiceError, Subject } from '../../src/index.js';
import { Body, HttpController, Post } from '../../src/http/index.js';
import { waitFor } from '../support/wait-for.js';

/** What an SDK set-up does: a context manager (so handlers run inside spans) and the W3C propagators. */
export function installOtelGlobals(): { provider: BasicTracerProvider; exporter: InMemorySpanExporter } {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new CompositePropagator({ propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()] }));
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  return { provider, exporter };
}

// service A: an HTTP route that asks service B to reserve stock
@HttpController('/orders')
export class OrdersHttpController {
  constructor(private readonly nats: NatsClient) {}
  @Post()
  async create(@Body() body: { sku: string; qty: number }): Promise<unknown> {
    return this.nats.request(`stock.${body.sku}.reserve`, { qty: body.qty });
  }
}
@Module({ controllers: [OrdersHttpController] })
export class OrdersModule {}

// service B: answers the request and announces the reservation
@Controller('stock')
export class StockController {
  constructor(private readonly nats: NatsClient, private readonly log: Logger) {}
  @Subject('{sku}.reserve')
  reserve(@Payload() body: { qty: number }): { reserved: number } {
    if (body.qty > 10) throw new ServiceError(409, 'not enough stock');
    this.log.info('reserving stock');
    this.nats.publish('stock.reserved', { qty: body.qty });
    return { reserved: body.qty };
  }
}
@Module({ controllers: [StockController] })
export class StockModule {}

// service C: listens to the event
@Injectable()
export class Shipping {
  readonly seen: number[] = [];
}
@Controller()
export class ShippingController {
  constructor(private readonly shipping: Shipping, private readonly log: Logger) {}
  @Subject('stock.reserved', { queue: 'shipping-workers' })
  onReserved(@Payload() body: { qty: number }): void {
    this.log.info('shipping planned');
    this.shipping.seen.push(body.qty);
  }
}
@Module({ controllers: [ShippingController], providers: [Shipping] })
export class ShippingModule {}

export const REMOTE_TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
export const REMOTE_SPAN = '00f067aa0ba902b7';

/** Posts an order to service A with a caller's `traceparent`, as a browser or a gateway would. */
export async function postOrder(url: string, qty: number): Promise<Response> {
  return fetch(`${url}/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', traceparent: `00-${REMOTE_TRACE}-${REMOTE_SPAN}-01`, baggage: 'tenant=acme' },
    body: JSON.stringify({ sku: 'bolt', qty }),
  });
}

function one(spans: ReadableSpan[], name: string): ReadableSpan {
  const found = spans.filter((s) => s.name === name);
  assert.equal(found.length, 1, `one span named '${name}' among ${spans.map((s) => s.name).join(', ')}`);
  return found[0]!;
}

function assertChild(child: ReadableSpan, parent: ReadableSpan | string): void {
  const parentId = typeof parent === 'string' ? parent : parent.spanContext().spanId;
  assert.equal(child.parentSpanContext?.spanId, parentId, `${child.name} is a child of ${typeof parent === 'string' ? parent : parent.name}`);
  assert.equal(child.spanContext().traceId, REMOTE_TRACE, `${child.name} is in the caller's trace`);
}

/** Waits for the five spans of one order and checks kinds, names, parents and attributes. */
export async function assertOrderTrace(exporter: InMemorySpanExporter): Promise<Record<string, ReadableSpan>> {
  await waitFor(() => exporter.getFinishedSpans().length >= 5 && exporter.getFinishedSpans().some((s) => s.name === 'process stock.reserved'), 'five finished spans');
  const spans = exporter.getFinishedSpans();
  const http = one(spans, 'POST /orders');
  const request = one(spans, 'send stock.bolt.reserve');
  const processB = one(spans, 'process stock.{sku}.reserve');
  const publish = one(spans, 'send stock.reserved');
  const processC = one(spans, 'process stock.reserved');

  assert.equal(http.kind, SpanKind.SERVER);
  assert.equal(request.kind, SpanKind.CLIENT);
  assert.equal(processB.kind, SpanKind.CONSUMER);
  assert.equal(publish.kind, SpanKind.PRODUCER);
  assert.equal(processC.kind, SpanKind.CONSUMER);

  assertChild(http, REMOTE_SPAN);
  assertChild(request, http);
  assertChild(processB, request);
  assertChild(publish, processB);
  assertChild(processC, publish);

  assert.equal(http.attributes['http.route'], '/orders');
  assert.equal(http.attributes['http.response.status_code'], 200);
  assert.deepEqual(pick(request.attributes), { 'messaging.system': 'nats', 'messaging.operation.name': 'send', 'messaging.operation.type': 'send', 'messaging.destination.name': 'stock.bolt.reserve' });
  assert.deepEqual(pick(processB.attributes), {
    'messaging.system': 'nats', 'messaging.operation.name': 'process', 'messaging.operation.type': 'process',
    'messaging.destination.name': 'stock.bolt.reserve', 'messaging.destination.template': 'stock.{sku}.reserve',
    'messaging.consumer.group.name': 'stock', 'messaging.message.body.size': JSON.stringify({ qty: 2 }).length,
  });
  assert.equal(publish.attributes['messaging.destination.name'], 'stock.reserved');
  assert.equal(processC.attributes['messaging.consumer.group.name'], 'shipping-workers');
  assert.equal(processC.attributes['messaging.destination.template'], 'stock.reserved');
  for (const s of [http, request, processB, publish, processC]) assert.equal(s.status.code, SpanStatusCode.UNSET, `${s.name} succeeded`);
  return { http, request, processB, publish, processC };
}

/** The failing order: the request and the handler's span are errors with the answer's code. */
export async function assertFailedOrder(exporter: InMemorySpanExporter): Promise<void> {
  await waitFor(() => exporter.getFinishedSpans().some((s) => s.name === 'POST /orders'), 'the HTTP span');
  const spans = exporter.getFinishedSpans();
  for (const name of ['send stock.bolt.reserve', 'process stock.{sku}.reserve']) {
    const s = one(spans, name);
    assert.equal(s.status.code, SpanStatusCode.ERROR, `${name} is an error`);
    assert.equal(s.attributes['error.type'], '409');
    assert.match(s.status.message ?? '', /409: not enough stock/);
  }
  assert.equal(spans.some((s) => s.name === 'send stock.reserved'), false, 'nothing was published');
}

function pick(attrs: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(attrs).filter(([k]) => k.startsWith('messaging.')));
}
