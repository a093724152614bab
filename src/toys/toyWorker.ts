/**
 * Worker-thread entry of the toy construction: receives the settings once (`{ config }`), builds
 * the context, answers `{ ready: true }`, then computes one grid point per `{ index }` message and
 * posts `{ result }` (or `{ error }`).
 * @module
 */
import { parentPort } from 'node:worker_threads';
import { computePoint, type ConstructionContext, type ToyConfig } from './construction.js';
import { contextFromConfig } from './runPoints.js';

if (parentPort) {
  const port = parentPort;
  let ctx: ConstructionContext | null = null;
  port.on('message', (m: { config?: ToyConfig; index?: number }) => {
    try {
      if (m.config) {
        ctx = contextFromConfig(m.config);
        port.postMessage({ ready: true });
        return;
      }
      if (m.index !== undefined && ctx) port.postMessage({ result: computePoint(ctx, m.index) });
    } catch (e) {
      port.postMessage({ error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
    }
  });
}
