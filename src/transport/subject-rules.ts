/**
 * NATS subject validity, shared by every transport so that the memory broker refuses exactly
 * what a real server refuses.
 */
import { InvalidSubjectError } from '../errors/message.errors.js';

export { InvalidSubjectError };

/** Subjects already found valid, so a service publishing to the same subjects checks each once. */
const known = { publish: new Set<string>(), subscribe: new Set<string>() };
const KNOWN_MAX = 10_000;

function reason(subject: string, allowWildcards: boolean): string | undefined {
  if (subject.length === 0) return 'it is empty';
  let tokenStart = 0;
  for (let i = 0; i <= subject.length; i++) {
    const c = i < subject.length ? subject.charCodeAt(i) : 46; // a virtual '.' closes the last token
    if (c === 46) {
      const len = i - tokenStart;
      if (len === 0) return 'it has an empty token';
      if (len === 1) {
        const t = subject.charCodeAt(tokenStart);
        if (t === 42 || t === 62) {
          if (!allowWildcards) return 'wildcards are only for subscriptions';
          if (t === 62 && i !== subject.length) return "'>' must be the last token";
        }
      }
      tokenStart = i + 1;
    } else if (c === 32 || c === 9 || c === 10 || c === 13 || c === 11 || c === 12) {
      return 'it contains white space';
    }
  }
  return undefined;
}

export function checkSubject(subject: string, allowWildcards: boolean): void {
  const cache = allowWildcards ? known.subscribe : known.publish;
  if (cache.has(subject)) return;
  if (typeof subject !== 'string') throw new InvalidSubjectError(String(subject), 'it is not a string');
  const why = reason(subject, allowWildcards);
  if (why !== undefined) throw new InvalidSubjectError(subject, why);
  if (cache.size >= KNOWN_MAX) cache.clear();
  cache.add(subject);
}
