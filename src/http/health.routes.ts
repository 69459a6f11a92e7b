import type { Express } from 'express';
import type { AppStatus } from '../app-status.js';
import { LIVENESS_PATH, READINESS_PATH, type HttpModuleOptions } from './http-options.js';

/**
 * Adds `GET /healthz` (200 while the process can answer) and `GET /readyz` (200 when running,
 * connected to NATS and every subscription active; 503 while starting, reconnecting or stopping).
 */
export function addHealthRoutes(app: Express, status: AppStatus, option: HttpModuleOptions['health']): void {
  if (option === false) return;
  const paths = option === true || option === undefined ? {} : option;
  const liveness = paths.liveness ?? LIVENESS_PATH;
  const readiness = paths.readiness ?? READINESS_PATH;
  if (liveness !== false) {
    app.get(liveness, (_req, res) => {
      res.setHeader('cache-control', 'no-store');
      res.json({ status: 'ok' });
    });
  }
  if (readiness !== false) {
    app.get(readiness, (_req, res) => {
      const r = status.readiness();
      res.setHeader('cache-control', 'no-store');
      res.status(r.ready ? 200 : 503).json({ status: r.ready ? 'ready' : 'not ready', ...r });
    });
  }
}
