import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createAsyncApiDocument } from '../../src/contracts/index.js';
import { HttpModule, HttpServer } from '../../src/http/index.js';
import { Test, type TestingApp } from '../../src/testing/index.js';
import { ShopModule } from './fixtures/shop.fixture.js';

const withHttp = (asyncapi?: string) => Test.createTestingModule({
  imports: [ShopModule, HttpModule.forRoot({ port: 0, host: '127.0.0.1', ...(asyncapi !== undefined ? { asyncapi } : {}) })],
}).withOptions({ name: 'shop' }).compile();

describe('HttpModule asyncapi option', () => {
  describe('when a path is given', () => {
    let app: TestingApp;
    before(async () => { app = await withHttp('/contracts/asyncapi.json'); });
    after(() => app.close());

    it('should serve the document createAsyncApiDocument builds, as JSON', async () => {
      const res = await fetch(`${app.get(HttpServer).url}/contracts/asyncapi.json`);
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
      assert.deepEqual(await res.json(), JSON.parse(JSON.stringify(await createAsyncApiDocument(app.app))));
    });
  });

  describe('when no path is given', () => {
    let app: TestingApp;
    before(async () => { app = await withHttp(); });
    after(() => app.close());

    it('should not serve it', async () => {
      const res = await fetch(`${app.get(HttpServer).url}/asyncapi.json`);
      assert.equal(res.status, 404);
    });
  });
});
