import { defineConfig, type DefaultTheme } from 'vitepress';

/**
 * The whole navigation in one list (the sidebar), so a new page is one line here. Links are page
 * paths under docs/ without the `.md`. A page's code blocks that name a file (`// orders.module.ts`)
 * must equal a file under test/docs/<topic>/ (or test/readme/, test/testing/example/), which the
 * suite compiles and runs: test/docs-site/examples-sync.test.ts checks it. The site is built by
 * `npm run docs:build` (also npm test's pretest) and opened in Chromium by test/docs-site/site.test.ts.
 */
const sections: DefaultTheme.SidebarItem[] = [
  {
    text: 'Introduction',
    items: [
      { text: 'Getting started', link: '/getting-started' },
      { text: 'A tour of the example service', link: '/guide/example-service' },
      { text: 'Architecture', link: '/guide/architecture' },
    ],
  },
  {
    text: 'Guide',
    items: [
      { text: 'Controllers and subjects', link: '/guide/controllers' },
      { text: 'Modules and dependency injection', link: '/guide/modules' },
      { text: 'Publishing and requesting', link: '/guide/nats-client' },
      { text: 'DTO validation', link: '/guide/validation' },
      { text: 'Errors', link: '/guide/errors' },
      { text: 'Pipeline extensions', link: '/guide/extensions' },
      { text: 'Application and shutdown', link: '/guide/application' },
      { text: 'Scheduled work', link: '/guide/scheduling' },
      { text: 'HTTP next to NATS', link: '/guide/http' },
      { text: 'Logging', link: '/guide/logging' },
      { text: 'Testing', link: '/guide/testing' },
      { text: 'Configuration', link: '/guide/configuration' },
      { text: 'Advanced dependency injection', link: '/guide/dependency-injection-advanced' },
      { text: 'Validation performance', link: '/guide/validation-performance' },
    ],
  },
  {
    text: 'JetStream',
    items: [
      { text: 'Streams and consumers', link: '/guide/jetstream' },
      { text: 'Operating JetStream', link: '/guide/jetstream-operations' },
      { text: 'Key-value and object stores', link: '/guide/kv' },
      { text: 'Testing with JetStream', link: '/guide/testing-jetstream' },
    ],
  },
  {
    text: 'Observability',
    items: [
      { text: 'Overview', link: '/guide/observability' },
      { text: 'Service discovery ($SRV)', link: '/guide/service-discovery' },
      { text: 'Tracing (OpenTelemetry)', link: '/guide/tracing' },
      { text: 'Metrics (Prometheus)', link: '/guide/metrics' },
    ],
  },
  {
    text: 'Operations',
    items: [
      { text: 'Contracts (AsyncAPI)', link: '/guide/contracts' },
      { text: 'Deployment', link: '/guide/deployment' },
      { text: 'Using every core: workers', link: '/guide/workers' },
      { text: 'The panini CLI', link: '/guide/cli' },
      { text: 'Performance', link: '/guide/performance' },
    ],
  },
  {
    text: 'Recipes',
    items: [
      { text: 'All recipes', link: '/recipes/' },
      { text: 'Work queues and fan-out', link: '/recipes/work-queue' },
      { text: 'Dead-lettering invalid events', link: '/recipes/dead-letter' },
      { text: 'Calling from any NATS client', link: '/recipes/any-client' },
    ],
  },
  {
    text: 'Migrating',
    items: [
      { text: 'Coming from NestJS', link: '/guide/coming-from-nestjs' },
      { text: 'From NestJS microservices', link: '/migration/nestjs-microservices' },
      { text: 'From Python Panini', link: '/migration/python-panini' },
    ],
  },
  {
    text: 'Reference',
    items: [{ text: 'API reference', link: '/api/' }],
  },
];

export default defineConfig({
  title: 'Panini',
  description: 'A TypeScript framework for NATS microservices: modules, DI, @Subject controllers, validation, testing kit.',
  lastUpdated: false,
  // The local search index (the API reference included) is one chunk of ~0.8 MB, loaded only when
  // the search box opens; the default 500 kB warning would fire on every build.
  vite: { build: { chunkSizeWarningLimit: 1500 } },
  themeConfig: {
    nav: [
      { text: 'Getting started', link: '/getting-started' },
      { text: 'Guide', link: '/guide/controllers' },
      { text: 'Recipes', link: '/recipes/' },
      { text: 'API', link: '/api/' },
    ],
    sidebar: sections,
    search: { provider: 'local' },
    outline: [2, 3],
  },
});
