// kept here for older imports; the mapping lives with the error bodies
export { MIN_ERROR_CODE, MAX_ERROR_CODE, wireErrorCode } from '../errors/error-code.js';
