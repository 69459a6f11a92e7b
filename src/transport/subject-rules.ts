/**
 * NATS subject validity, shared by every transport so that the memory broker refuses exactly
 * what a real server refuses.
 */
export class InvalidSubjectError extends Error {
  constructor(readonly subject: string, reason: string) {
    super(`invalid subject '${subject}': ${reason}`);
    this.name = 'InvalidSubjectError';
  }
}

export function checkSubject(subject: string, allowWildcards: boolean): void {
  if (typeof subject !== 'string' || subject.length === 0) throw new InvalidSubjectError(String(subject), 'it is empty');
  if (/\s/.test(subject)) throw new InvalidSubjectError(subject, 'it contains white space');
  const tokens = subject.split('.');
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.length === 0) throw new InvalidSubjectError(subject, 'it has an empty token');
    if (!allowWildcards && (t === '*' || t === '>')) throw new InvalidSubjectError(subject, 'wildcards are only for subscriptions');
    if (t === '>' && i !== tokens.length - 1) throw new InvalidSubjectError(subject, "'>' must be the last token");
  }
}
