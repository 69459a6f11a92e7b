import type { BackendServerInfo } from './backend.js';

/** `[major, minor, patch]` of a server version string; unknown parts are 0. */
export function parseVersion(v: string): [number, number, number] {
  const m = /^v?(\d+)\.(\d+)\.(\d+)/.exec(v);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [0, 0, 0];
}

/** True when version `v` is `min` or later. */
export function atLeast(v: string, min: string): boolean {
  const a = parseVersion(v);
  const b = parseVersion(min);
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i]! > b[i]!;
  return true;
}

/**
 * What a server of version `v` understands. `+TERM <reason>`: 2.11.0 (nats.js documents the
 * reason from 2.11; older servers are sent a bare `+TERM`). Several filter subjects: 2.10.0.
 */
export function serverFeatures(version: string): BackendServerInfo {
  return { version, termReason: atLeast(version, '2.11.0'), multipleFilters: atLeast(version, '2.10.0') };
}
