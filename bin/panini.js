#!/usr/bin/env node
// The package's bin: a file that exists before dist/ is built, so npm links it at install time
// (npm skips bins whose target is missing). The CLI itself is src/cli, compiled to dist/.
import('../dist/src/cli/main.js').catch((err) => {
  if (err && err.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes('cli/main.js')) {
    console.error('panini: @panini/core is not built yet: run `npm run build` in its folder');
    process.exit(1);
  }
  throw err;
});
