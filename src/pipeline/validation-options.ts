// declared next to the decorator options that carry it; kept here for older imports
export type { ValidationOptions } from '../metadata/subject-option.types.js';
