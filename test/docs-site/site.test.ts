import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { REPO } from '../cli/support/run-cli.js';
import { brokenLinks, htmlFiles, serveSite } from './site-files.js';

/** Where `npm run docs:build` (run by `npm test`'s pretest) writes the site. */
const SITE = join(REPO, 'docs', '.vitepress', 'dist');
/** Debian's chromium; PANINI_CHROMIUM points elsewhere. */
const CHROMIUM = process.env['PANINI_CHROMIUM'] ?? '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const DEADLINE = 60_000;

describe('the documentation site', () => {
  let site: { url: string; close(): Promise<void> } | undefined;
  let browser: BrowserContext | undefined;
  let page: Page;
  const errors: string[] = [];
  const temp = mkdtempSync(join(tmpdir(), 'panini-docs-site-'));

  before(async () => {
    assert.ok(existsSync(join(SITE, 'index.html')),
      `no built site at ${SITE}: run \`npm run docs:build\` (npm test runs it before the tests)`);
    assert.ok(existsSync(CHROMIUM),
      `Chromium not found at ${CHROMIUM}: install it with \`apt-get install -y chromium\` (.ci/run does), or set PANINI_CHROMIUM`);
    site = await serveSite(SITE);
    browser = await chromium.launchPersistentContext(join(temp, 'profile'), {
      executablePath: CHROMIUM, headless: true, args: FLAGS, viewport: { width: 1280, height: 900 }, timeout: DEADLINE,
    });
    page = browser.pages()[0] ?? await browser.newPage();
    page.setDefaultTimeout(DEADLINE);
    page.on('pageerror', (e) => errors.push(e.message));
  });

  after(async () => {
    await browser?.close();
    await site?.close();
    rmSync(join(temp, 'profile'), { recursive: true, force: true }); // the screenshot stays
  });

  describe('when the start page is opened', () => {
    it('should render the hero, the navigation and no script error', async () => {
      await page.goto(site!.url + '/', { waitUntil: 'load' });
      await page.locator('.VPHero .name', { hasText: 'Panini' }).waitFor();
      await page.locator('.VPNavBar a', { hasText: 'Getting started' }).first().waitFor();
      assert.match(await page.title(), /Panini/);
      assert.deepEqual(errors, []);
    });

    it('should save a screenshot', async (t) => {
      const file = join(temp, 'start-page.png');
      await page.screenshot({ path: file, fullPage: true });
      assert.ok(statSync(file).size > 10_000, 'the screenshot is (nearly) empty');
      t.diagnostic(`screenshot: ${file}`);
    });
  });

  describe('when searching for "queue group"', () => {
    it('should list pages that explain it and open one', async () => {
      await page.locator('.DocSearch-Button').click();
      await page.locator('#localsearch-input').fill('queue group');
      const results = page.locator('#localsearch-list a.result');
      await results.first().waitFor();
      assert.ok(await results.count() > 0);
      await results.first().click();
      await page.locator('.vp-doc', { hasText: /queue group/i }).first().waitFor();
      assert.deepEqual(errors, []);
    });
  });

  describe('when every internal link of the built pages is followed', () => {
    it('should find a page, and the heading a #fragment names, for each', () => {
      assert.ok(htmlFiles(SITE).length > 20, 'the site has fewer pages than the guide alone');
      assert.deepEqual(brokenLinks(SITE), []);
    });
  });
});

describe('README.md', () => {
  it('should link only to files that exist in the repository', () => {
    const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
    const missing = [...readme.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)]
      .map((m) => m[1]!)
      .filter((href) => !/^[a-z]+:/.test(href) && !existsSync(join(REPO, href)));
    assert.deepEqual(missing, []);
  });
});

