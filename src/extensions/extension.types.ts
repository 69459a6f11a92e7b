// the extension shapes live in the pipeline that runs them; kept here for older imports
export type * from '../pipeline/extension.types.js';
