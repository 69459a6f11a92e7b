import type { JsonSchema } from '../micro/dto-schemas.js';

/** Component ids of the error reply every answering handler may send. */
export const ERROR_MESSAGE_ID = 'PaniniErrorReply';
export const ERROR_SCHEMA_ID = 'PaniniErrorBody';

/** The body of an error reply (`toErrorBody`): `{ error: { code, message, details? } }`. */
export const ERROR_BODY_SCHEMA: JsonSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'integer', minimum: 400, maximum: 599 },
        message: { type: 'string' },
        details: { description: 'For 400: the fields that failed, `[{ path, constraints }]`; otherwise what the handler attached.' },
      },
    },
  },
};

const CODES = [
  '400: the payload did not decode or failed DTO validation (`details` lists the fields)',
  '403: a guard refused the message',
  '404, 409, ...: a `ServiceError` the handler threw, with its own code',
  '413: the reply or the request was larger than the server allows',
  '500: the handler failed unexpectedly (the message says only `internal error`)',
  '503: the handler is overloaded or the service is shutting down; retry later or elsewhere',
  '504: the handler ran past its timeout',
];

/**
 * The error reply: the code and message travel in the `Nats-Service-Error-Code` and
 * `Nats-Service-Error` headers (the NATS service API convention, ADR-32) and in the body.
 */
export const ERROR_MESSAGE: JsonSchema = {
  name: ERROR_MESSAGE_ID,
  title: 'Error reply',
  summary: 'How a failed request is answered.',
  description: `Codes:\n\n${CODES.map((c) => `- ${c}`).join('\n')}`,
  contentType: 'application/json',
  headers: {
    type: 'object',
    required: ['Nats-Service-Error', 'Nats-Service-Error-Code'],
    properties: {
      'Nats-Service-Error': { type: 'string', description: 'the error message' },
      'Nats-Service-Error-Code': { type: 'string', pattern: '^[45][0-9]{2}$', description: 'the code, 400 to 599' },
    },
  },
  payload: { $ref: `#/components/schemas/${ERROR_SCHEMA_ID}` },
};
