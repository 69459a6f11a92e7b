import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { extname, join, relative, resolve, sep } from 'node:path';
import type { AddressInfo } from 'node:net';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2', '.ico': 'image/x-icon', '.txt': 'text/plain',
};

/** The file a site path names: `/` and `/guide/` are their index.html; `/guide/cli` is cli.html (clean URLs). */
export function fileFor(root: string, pathname: string): string | undefined {
  let path: string;
  try { path = decodeURIComponent(pathname); } catch { return undefined; }
  const file = resolve(root, '.' + path);
  if (file !== root && !file.startsWith(root + sep)) return undefined;
  for (const candidate of [file, join(file, 'index.html'), file + '.html']) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

/** Serves a built site from `root` on a free loopback port, as a static host would. */
export async function serveSite(root: string): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const file = fileFor(root, new URL(req.url ?? '/', 'http://site').pathname);
    if (!file) { res.writeHead(404).end('not found'); return; }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((ok) => { server.closeAllConnections(); server.close(() => ok()); }),
  };
}

export function htmlFiles(root: string): string[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html')).map((f) => join(root, f)).sort();
}

/** The element ids of an HTML page: what a `#fragment` link may point at. */
export function idsOf(html: string): Set<string> {
  return new Set([...html.matchAll(/\sid="([^"]*)"/g)].map((m) => decodeEntities(m[1]!)));
}

function decodeEntities(s: string): string {
  return s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
}

/**
 * Every `<a href>` of a page that stays on the site, resolved against the page's own URL: the broken
 * ones, each as `page -> href (why)`. Links to other hosts (`https://github.com/...`, `mailto:`) are
 * not followed: the check must not need the network.
 */
export function brokenLinks(root: string): string[] {
  const pages = htmlFiles(root);
  const ids = new Map<string, Set<string>>();
  const idsFor = (file: string): Set<string> => {
    if (!ids.has(file)) ids.set(file, idsOf(readFileSync(file, 'utf8')));
    return ids.get(file)!;
  };
  const broken: string[] = [];
  for (const page of pages) {
    const base = new URL('/' + relative(root, page).split(sep).join('/'), 'http://site');
    for (const m of readFileSync(page, 'utf8').matchAll(/<a\s[^>]*?href="([^"]*)"/g)) {
      const href = decodeEntities(m[1]!);
      const target = new URL(href, base);
      if (target.origin !== 'http://site') continue;
      const file = fileFor(root, target.pathname);
      const where = `${relative(root, page)} -> ${href}`;
      if (!file) { broken.push(`${where} (no such page)`); continue; }
      const fragment = decodeURIComponent(target.hash.slice(1));
      if (fragment && file.endsWith('.html') && !idsFor(file).has(fragment)) broken.push(`${where} (no id "${fragment}" there)`);
    }
  }
  return broken;
}
