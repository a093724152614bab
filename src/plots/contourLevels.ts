/**
 * Credible-region conventions for 2-D contours and the sentence that states them in the legend.
 * Constants: 2Φ(n) − 1 for n = 1, 2 (0.6826894921, 0.9544997361) and corner.py's 2-D σ levels
 * 1 − exp(−k²/2) (corner.py, doi:10.21105/joss.00024; GetDist, arXiv:1910.13970; corner.py `docs/pages/sigmas.ipynb`).
 */
import type { LevelConvention } from './types.js';

/** Default convention: 68.3 % and 95.4 % of the posterior mass (GetDist, ChainConsumer). */
export const DEFAULT_LEVELS: LevelConvention = Object.freeze({ kind: 'mass', masses: Object.freeze([0.6826894921, 0.9544997361]) });

/**
 * Enclosed masses of a convention, ascending.
 *
 * @param conv - the convention
 * @returns masses in (0, 1), ascending
 */
export function levelMasses(conv: LevelConvention): number[] {
  const m = conv.kind === 'mass' ? [...conv.masses] : conv.sigmas.map((k) => 1 - Math.exp(-0.5 * k * k));
  for (const p of m) if (!(p > 0 && p < 1)) throw new Error(`contour levels: enclosed mass must be in (0, 1), got ${p}`);
  return m.sort((a, b) => a - b);
}

function pct(p: number): string {
  return `${(100 * p).toFixed(1)}%`;
}

/**
 * Legend sentence stating what the contours mean (plain text).
 *
 * @param conv - the convention
 * @returns e.g. `2-D contours enclose 68.3% and 95.4% of the posterior mass`
 */
export function levelLegend(conv: LevelConvention): string {
  const m = levelMasses(conv);
  const list = m.length === 1 ? pct(m[0] as number) : `${m.slice(0, -1).map(pct).join(', ')} and ${pct(m[m.length - 1] as number)}`;
  if (conv.kind === 'mass') return `2-D contours enclose ${list} of the posterior mass`;
  const s = [...conv.sigmas].sort((a, b) => a - b).map((k) => `${k}σ`).join(', ');
  return `2-D contours: corner.py 2-D σ levels ${s} = 1 − exp(−k²/2), enclosing ${list} of the mass (not the 1-D 68/95%)`;
}
