import { checkPageSync } from '../page-sync.js';

checkPageSync('docs/guide/jetstream.md', 'test/docs/jetstream/');
