// kept here so transport code and older imports find it; it lives with the wire helpers
export { headerValue } from '../errors/header-lookup.js';
