/** Thrown before sending when a payload is larger than the broker's `max_payload`. */
export class PayloadTooLargeError extends Error {
  readonly code = 413;
  constructor(readonly size: number, readonly max: number) {
    super(`payload of ${size} bytes exceeds the broker's maximum of ${max} bytes`);
    this.name = 'PayloadTooLargeError';
  }
}

export function checkPayload(data: Uint8Array, max: number): void {
  if (data.length > max) throw new PayloadTooLargeError(data.length, max);
}
