// TypeDoc names an entry point after its path (src/index.ts -> "index", src/http/index.ts ->
// "http"); the reference should show the names users import. Every public subpath is a folder
// named like the subpath (./http -> src/http/index.ts), so the path name maps directly. Renamed
// once the pages have their URLs, so files stay at api/http/... (no "@" in a site path).
import { ReflectionKind, RendererEvent } from 'typedoc';

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.renderer.on(RendererEvent.BEGIN, (event) => {
    for (const mod of event.project.getChildrenByKind(ReflectionKind.Module)) {
      mod.name = mod.name === 'index' ? '@panini/core' : `@panini/core/${mod.name}`;
    }
  });
}
