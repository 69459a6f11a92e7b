// the error classes live in the shared leaf (src/errors/); kept here for older imports
export { ServiceError, RemoteError, RequestTimeoutError, NoRespondersError, DecodeError, toErrorBody, type ErrorBody } from '../errors/index.js';
