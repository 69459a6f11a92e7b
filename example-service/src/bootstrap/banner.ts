import type { Broker } from './choose-broker.js';

const ORDER = '{"customer":{"name":"Ada","email":"ada@example.com"},"lines":[{"sku":"apple","quantity":3}]}';

/** What a newcomer sees once the service is up: where it listens and what to try. */
export function banner(name: string, broker: Broker, httpUrl: string): string {
  const where = {
    nats: `${broker.servers}`,
    'dev-nats': `${broker.servers} (a private nats-server started for development; it stops with this process)`,
    memory: 'in-memory transport (only this process can reach its subjects)',
  }[broker.kind];
  const server = broker.kind === 'memory' || broker.servers === 'nats://127.0.0.1:4222' ? '' : ` -s ${broker.servers}`;
  const lines = [
    '',
    `${name} is running`,
    `  NATS   ${where}`,
    ...(broker.unreachable !== undefined ? [`         (nothing answered at NATS_URL=${broker.unreachable})`] : []),
    `  HTTP   ${httpUrl}   (probes: ${httpUrl}/healthz, ${httpUrl}/readyz)`,
    '',
    'Try:',
  ];
  if (broker.kind !== 'memory') {
    lines.push(
      `  npx panini request${server} orders.create '${ORDER}'`,
      `  npx panini request${server} orders.list`,
      `  npx panini request${server} inventory.apple.get`,
      `  npx panini publish${server} inventory.restock '{"sku":"kiwi","quantity":10}'`,
      `  npx panini request${server} audit.recent`,
    );
  }
  lines.push(
    `  curl -s -X POST ${httpUrl}/orders -H 'content-type: application/json' -d '${ORDER}'`,
    `  curl -s ${httpUrl}/orders`,
    `  curl -s ${httpUrl}/inventory`,
    '  npx panini info    (what the service is made of, without connecting)',
    '',
  );
  return lines.join('\n');
}
