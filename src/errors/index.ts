/**
 * The errors and wire constants every layer shares. A leaf: it imports nothing else of Panini,
 * so the transport, the pipeline and the capabilities can all use it without pointing upwards.
 */
export { brandFor, hasBrand } from './brand.js';
export { ServiceError } from './service.error.js';
export { RemoteError, type ReplyLike } from './remote.error.js';
export { RequestTimeoutError, NoRespondersError } from './request.errors.js';
export { DecodeError, ForbiddenError } from './handler.errors.js';
export { TransportClosedError, MalformedHeadersError, BadReplyError, PermissionDeniedError } from './transport.errors.js';
export { PayloadTooLargeError, InvalidSubjectError } from './message.errors.js';
export { ContainerError, type ContainerErrorKind } from './container.error.js';
export { toErrorBody, type ErrorBody } from './error-body.js';
export { wireErrorCode, MIN_ERROR_CODE, MAX_ERROR_CODE } from './error-code.js';
export { ERROR_HEADER, ERROR_CODE_HEADER } from './error-headers.js';
export { headerValue } from './header-lookup.js';
