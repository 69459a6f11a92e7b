// invoices.module.ts
import { Readable } from 'node:stream';
import { Injectable, Module } from '../../../src/index.js';
import { InjectObjectStore, JetStreamModule, ObjectBucket, type ObjectMeta } from '../../../src/jetstream/index.js';

@Injectable()
export class InvoicesService {
  constructor(@InjectObjectStore('invoices') private readonly invoices: ObjectBucket) {}

  /** Stores a PDF from any readable (a file, an upload) without holding it in memory. */
  save(id: string, pdf: Readable): Promise<ObjectMeta> {
    return this.invoices.put(`${id}.pdf`, pdf, { metadata: { contentType: 'application/pdf' } });
  }

  /** The PDF as a Node stream to pipe into a response, or undefined. */
  async open(id: string): Promise<Readable | undefined> {
    const found = await this.invoices.get(`${id}.pdf`);
    return found && Readable.fromWeb(found.data as import('node:stream/web').ReadableStream<Uint8Array>);
  }
}

@Module({
  imports: [JetStreamModule.forRoot({ streams: [], objectStores: [{ name: 'invoices', maxBytes: 1024 ** 3 }] })],
  providers: [InvoicesService],
})
export class InvoicesModule {}
