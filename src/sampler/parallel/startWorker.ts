/**
 * Starts a worker thread on a module URL. A compiled `.js` module is loaded directly; a `.ts`
 * module (under tsx or vitest) is loaded through an eval bootstrap that registers tsx first,
 * because Workers cannot load `.ts` files by themselves.
 * @module
 */
import { Worker } from 'node:worker_threads';

/**
 * @param url - the worker module (`.js`, or `.ts` when running from source)
 * @returns the started worker
 */
export function startWorker(url: URL): Worker {
  if (!url.pathname.endsWith('.ts')) return new Worker(url);
  const boot = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(url.href)}); })`;
  return new Worker(boot, { eval: true });
}
