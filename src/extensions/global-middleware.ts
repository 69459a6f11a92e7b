/**
 * Multi-provided: every provider of this token (a `MiddlewareLike`, or an array of them) runs
 * around every handled message, outside the app's own `app.use()` middleware. How a capability
 * module (tracing) wraps handlers without the app naming it; with no provider nothing changes.
 */
export const GLOBAL_MIDDLEWARE = Symbol('panini:global-middleware');
