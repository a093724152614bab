/** Loader for test/fixtures/emcee/emcee_golden.json (made by make_golden.py with emcee 3.1.4). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface GoldenRun {
  moves: [string, number][];
  seed: number;
  p0: string;
  chain: string;
  logProb: string;
  accepted: number[];
}
export interface Golden {
  versions: Record<string, string>;
  nwalkers: number;
  ndim: number;
  nsteps: number;
  precision: number[][];
  rng: Record<string, unknown>;
  runs: Record<string, GoldenRun>;
}

/** Decodes base64 little-endian float64. */
export function f64(b64: string): Float64Array {
  const buf = Buffer.from(b64, 'base64');
  const out = new Float64Array(buf.length / 8);
  for (let i = 0; i < out.length; i++) out[i] = buf.readDoubleLE(i * 8);
  return out;
}

export const golden: Golden = JSON.parse(
  readFileSync(fileURLToPath(new URL('../fixtures/emcee/emcee_golden.json', import.meta.url)), 'utf8'),
) as Golden;
