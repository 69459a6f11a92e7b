import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { metaSubject, readObjectEntry } from '../../../src/jetstream/obj/object-entry.js';

const te = new TextEncoder();
const KNOWN_PROBLEMS = /^its metadata entry (is not valid JSON \(\d+ bytes\)|is not a JSON object|has no 'name'|has a '\w+' that is not [\w ,>=']+|has no 'digest'|has no readable 'mtime'|names another object than its subject does)$/;

describe('readObjectEntry', () => {
  describe('when the entry is any bytes on any metadata subject (any client can write there)', () => {
    it('should never throw, and give either the metadata or a problem that quotes nothing of the entry', () => {
      const entry = fc.oneof(
        fc.uint8Array({ maxLength: 200 }),
        fc.jsonValue().map((v) => te.encode(JSON.stringify(v))),
        fc.record({ name: fc.string(), size: fc.oneof(fc.integer(), fc.double(), fc.string()), chunks: fc.integer(), digest: fc.oneof(fc.string(), fc.constant(undefined)), mtime: fc.oneof(fc.string(), fc.date({ noInvalidDate: true }).map((d) => d.toISOString())), deleted: fc.oneof(fc.boolean(), fc.constant('yes')), metadata: fc.oneof(fc.dictionary(fc.string(), fc.string()), fc.dictionary(fc.string(), fc.integer())) }, { requiredKeys: [] })
          .map((v) => te.encode(JSON.stringify(v))),
      );
      fc.assert(fc.property(fc.string(), entry, fc.nat(), (token, data, seq) => {
        const c = readObjectEntry('files', { subject: `$O.files.M.${token}`, seq, data, time: 0 });
        assert.equal(c.revision, seq);
        assert.equal(c.bucket, 'files');
        assert.ok((c.meta === undefined) !== (c.error === undefined), 'metadata or a problem, not both');
        if (c.error !== undefined) assert.match(c.error, KNOWN_PROBLEMS);
        else assert.equal(c.meta!.name, c.name);
      }));
    });
  });

  describe('when the entry is what nats.js writes for a put or a delete of any name', () => {
    it('should give the object\'s name, size, chunks, digest and times back', () => {
      fc.assert(fc.property(fc.string({ minLength: 1 }), fc.nat(), fc.nat(), fc.date({ noInvalidDate: true, min: new Date(0) }), fc.boolean(), (name, size, chunks, mtime, deleted) => {
        const info = { name, bucket: 'files', nuid: 'n', size: deleted ? 0 : size, chunks: deleted ? 0 : chunks, digest: deleted ? '' : 'SHA-256=x=', mtime: mtime.toISOString(), deleted, description: '', options: { max_chunk_size: 128 * 1024 } };
        const c = readObjectEntry('files', { subject: metaSubject('files', name), seq: 9, data: te.encode(JSON.stringify(info)), time: 1_000 });
        assert.equal(c.error, undefined);
        assert.deepEqual({ name: c.name, operation: c.operation }, { name, operation: deleted ? 'delete' : 'put' });
        assert.deepEqual(c.meta, {
          bucket: 'files', name, size: info.size, chunks: info.chunks, digest: info.digest, revision: 9,
          // a delete keeps the put's mtime on the wire; its own time is when it was stored
          modified: deleted ? new Date(1_000) : mtime,
        });
      }));
    });
  });

  describe('when the entry is a link nats.js wrote (no content, size or time of its own)', () => {
    it('should give a put of size 0 whose time is when the entry was stored', () => {
      const link = { name: 'latest.csv', bucket: 'files', options: { link: { bucket: 'files', name: '2026-11.csv' } } };
      const c = readObjectEntry('files', { subject: metaSubject('files', 'latest.csv'), seq: 4, data: te.encode(JSON.stringify(link)), time: 2_000 });
      assert.deepEqual(c, { bucket: 'files', name: 'latest.csv', revision: 4, operation: 'put', meta: { bucket: 'files', name: 'latest.csv', size: 0, chunks: 0, digest: '', modified: new Date(2_000), revision: 4 } });
    });
  });
});
