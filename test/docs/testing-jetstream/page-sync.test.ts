import { checkPageSync } from '../page-sync.js';

checkPageSync('docs/guide/testing-jetstream.md', 'test/docs/testing-jetstream/');
