// the error classes live in the shared leaf (src/errors/); kept here for older imports
export { TransportClosedError, MalformedHeadersError, BadReplyError, PermissionDeniedError } from '../errors/transport.errors.js';
