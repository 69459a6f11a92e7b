// export-index.module.ts
import { Readable } from 'node:stream';
import type { ReadableStream } from 'node:stream/web';
import { Controller, Ctx, Logger, MessageContext, Module, Payload } from '../../../src/index.js';
import { InjectObjectStore, JetStreamModule, ObjectBucket, ObjectWatch, objectChangeOf, type ObjectMeta } from '../../../src/jetstream/index.js';

@Controller()
export class ExportIndex {
  /** Rows per export, as a catalogue would keep them. */
  readonly rows = new Map<string, number>();

  constructor(@InjectObjectStore('exports') private readonly exports: ObjectBucket, private readonly log: Logger) {}

  @ObjectWatch('exports', { initial: true })
  async changed(@Payload() meta: ObjectMeta, @Ctx() ctx: MessageContext) {
    const { operation, revision } = objectChangeOf(ctx)!;
    if (operation === 'delete') {
      this.rows.delete(meta.name);
      return;
    }
    // the handler gets the metadata only: the content is read here, a chunk at a time
    const found = await this.exports.get(meta.name);
    if (!found) return; // deleted meanwhile: that change comes next
    let rows = 0;
    for await (const chunk of Readable.fromWeb(found.data as ReadableStream<Uint8Array>)) rows += (chunk as Uint8Array).filter((b) => b === 10).length;
    this.rows.set(meta.name, rows);
    this.log.info('export indexed', { name: meta.name, revision, rows });
  }
}

@Module({
  imports: [JetStreamModule.forRoot({ streams: [], objectStores: [{ name: 'exports' }] })],
  controllers: [ExportIndex],
})
export class ExportIndexModule {}
