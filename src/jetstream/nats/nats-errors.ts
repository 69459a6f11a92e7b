import { JetStreamApiError as NatsApiError, jserrors } from '@nats-io/jetstream/internal';
import {
  ConsumerNotFoundError, JetStreamApiError, PublishTimeoutError, StreamMismatchError, StreamNotFoundError,
  WrongLastMsgIdError, WrongLastSequenceError,
} from '../jetstream.errors.js';
import type { PublishExpectations } from '../backend.js';

/** NATS API error codes Panini tells apart (nats-server `server/errors.json`). */
const CODES = { consumerNotFound: 10014, streamNotFound: 10059, wrongLastSeq: 10071, wrongLastMsgId: 10070, streamMismatch: 10060 } as const;

/** A nats.js JetStream error as Panini's typed error (anything else is returned as it is). */
export function toPaniniError(err: unknown, stream: string, consumer?: string): unknown {
  if (err instanceof NatsApiError) {
    const api = err.apiError();
    if (api.err_code === CODES.streamNotFound) return new StreamNotFoundError(stream, undefined, { cause: err });
    if (api.err_code === CODES.consumerNotFound && consumer !== undefined) return new ConsumerNotFoundError(stream, consumer, { cause: err });
    return new JetStreamApiError(api.code, api.err_code ?? 0, api.description, { cause: err });
  }
  if (err instanceof jserrors.JetStreamNotEnabled) return new JetStreamApiError(503, 10039, 'JetStream is not enabled on the server (start it with -js)', { cause: err });
  return err;
}

export const publishError = {
  timeout: (subject: string, timeout: number, cause: unknown) => new PublishTimeoutError(subject, timeout, { cause }),
  noStream: (subject: string, cause: unknown) => new StreamNotFoundError(undefined, subject, { cause }),
  api: (status: number, code: number, description: string, cause?: unknown) => new JetStreamApiError(status, code, description, { cause }),
  /** The error of a PubAck carrying `error`: the expectation it broke, or the API error. */
  fromApi(subject: string, e: { code: number; err_code: number; description: string }, expect: PublishExpectations | undefined): Error {
    if (e.err_code === CODES.wrongLastSeq) {
      const current = /(\d+)\s*$/.exec(e.description);
      const expected = expect?.lastSequence ?? expect?.lastSubjectSequence ?? -1;
      return new WrongLastSequenceError(subject, expected, current ? Number(current[1]) : undefined);
    }
    if (e.err_code === CODES.wrongLastMsgId) return new WrongLastMsgIdError(subject, expect?.lastMsgId ?? '');
    if (e.err_code === CODES.streamMismatch) return new StreamMismatchError(subject, expect?.stream ?? '');
    if (e.err_code === CODES.streamNotFound) return new StreamNotFoundError(undefined, subject);
    return new JetStreamApiError(e.code, e.err_code, e.description);
  },
};
