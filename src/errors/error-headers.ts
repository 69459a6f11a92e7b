/** The headers an error reply carries (the NATS micro protocol's names), so NATS tooling reads them. */
export const ERROR_HEADER = 'Nats-Service-Error';
export const ERROR_CODE_HEADER = 'Nats-Service-Error-Code';
