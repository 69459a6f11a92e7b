/**
 * NATS subject matching, pure: `*` matches exactly one token, `>` one or more trailing tokens.
 * Both sides are assumed valid (see `checkSubject`).
 */
export function subjectMatches(pattern: string, subject: string): boolean {
  if (pattern === subject) return true;
  return tokensMatch(pattern.split('.'), subject.split('.'));
}

/** The same test on pre-split tokens, for callers that match one pattern many times. */
export function tokensMatch(pattern: readonly string[], subject: readonly string[]): boolean {
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i]!;
    if (p === '>') return subject.length > i;
    if (i >= subject.length) return false;
    if (p !== '*' && p !== subject[i]) return false;
  }
  return pattern.length === subject.length;
}
