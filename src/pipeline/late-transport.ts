import type { Logger } from '../logging/logger.js';
import type { Transport } from '../transport/transport.js';

/**
 * The transport as a runner sees it once the shutdown deadline passed. A handler that outlives
 * the deadline may reply after the connection closed; publishing then throws, and that is
 * expected, not an error of the handler: the reply is dropped and one debug line says so.
 */
export function quietAfterAbandon(transport: Transport, log: Logger, handler: string): Transport {
  let told = false;
  const publish: Transport['publish'] = (subject, data, options) => {
    try {
      transport.publish(subject, data, options);
    } catch (err) {
      if (told) return;
      told = true;
      log.debug(`${handler} finished after the shutdown deadline; its reply was dropped`, { subject, error: (err as Error).message });
    }
  };
  return new Proxy(transport, {
    get: (target, key) => {
      if (key === 'publish') return publish;
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
