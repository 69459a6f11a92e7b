/** The error codes sent to a caller as they are: the HTTP client and server error classes. */
export const MIN_ERROR_CODE = 400;
export const MAX_ERROR_CODE = 599;

/**
 * The code to send for an error answer: an integer from 400 to 599 as it is, anything else
 * (NaN, 0, 200, 1000, 404.5, '404', undefined) as 500, with `valid` false so the caller can warn.
 * Pure; the one place where a code is checked before it reaches the wire.
 */
export function wireErrorCode(code: unknown): { code: number; valid: boolean } {
  const valid = typeof code === 'number' && Number.isInteger(code) && code >= MIN_ERROR_CODE && code <= MAX_ERROR_CODE;
  return valid ? { code, valid } : { code: 500, valid };
}
