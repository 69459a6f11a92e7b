/**
 * What a message source reports about its own health, logged by the app like transport events.
 * Each member names the source (`kind`) and, where it concerns one, the handler.
 * - `heartbeats-missed`: a consumer's idle heartbeats stopped arriving `count` times in a row; the
 *   server or the route to it may be gone (logged as a warning; the source keeps trying).
 * - `consumer-deleted`: the server-side consumer a handler read from was deleted; the handler gets
 *   no more messages until the source recreates it (logged as an error).
 * - `subscription-denied`: the server refused a subscription of this source; its handler is not
 *   served (logged as an error).
 */
export type SourceEvent =
  | { readonly type: 'heartbeats-missed'; readonly kind: string; readonly handler?: string; readonly count: number }
  | { readonly type: 'consumer-deleted'; readonly kind: string; readonly handler?: string; readonly consumer: string }
  | { readonly type: 'subscription-denied'; readonly kind: string; readonly handler?: string; readonly subject: string; readonly error?: Error };

export type SourceEventListener = (event: SourceEvent) => void;
