/**
 * True when some concrete subject matches both NATS subject patterns (`*` is one token, `>` one
 * or more trailing tokens; a `{name}` token counts as `*`). Pure and exact: two handlers whose
 * patterns overlap can both receive one message.
 * @example
 * subjectsOverlap('core.test', 'core.*') // true
 * subjectsOverlap('orders.{id}', 'orders.>') // true
 * subjectsOverlap('a.b', 'a.b.c') // false
 */
export function subjectsOverlap(a: string, b: string): boolean {
  const x = a.split('.').map(wild);
  const y = b.split('.').map(wild);
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    // '>' swallows the rest, and the other pattern has a token here for it to swallow
    if (x[i] === '>' || y[i] === '>') return true;
    if (x[i] !== '*' && y[i] !== '*' && x[i] !== y[i]) return false;
  }
  return x.length === y.length;
}

const NAMED = /^\{[^}]*\}$/;
const wild = (token: string): string => (NAMED.test(token) ? '*' : token);
