/**
 * Equal-tailed credible interval.
 * @module
 */
import { quantileSorted, sortedCopy } from './quantiles.js';

/**
 * The central interval [Q((1−prob)/2), Q((1+prob)/2)] from type-7 quantiles.
 * Reference: Gelman et al., BDA3 §2.3; Hyndman & Fan 1996 (doi:10.1080/00031305.1996.10473566); Hyndman 1996, doi:10.1080/00031305.1996.10474359.
 * @param samples - the draws (units u)
 * @param prob - enclosed probability (default 0.6826894921, i.e. ±1σ of a Gaussian)
 * @returns `{ lo, hi }` in units u
 * @example equalTailed([1, 2, 3, 4, 5], 0.5) // returns { lo: 2, hi: 4 }
 */
export function equalTailed(samples: ArrayLike<number>, prob = 0.6826894921370859): { lo: number; hi: number } {
  if (!(prob > 0 && prob < 1)) throw new RangeError(`equalTailed: prob must be in (0, 1), got ${prob}`);
  const s = sortedCopy(samples);
  return { lo: quantileSorted(s, (1 - prob) / 2), hi: quantileSorted(s, (1 + prob) / 2) };
}
