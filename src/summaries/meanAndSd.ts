/**
 * Sample mean and standard deviation with Bessel's correction (ddof 1, numpy `std(ddof=1)`),
 * two-pass: mean first, then Σ(xᵢ − mean)², summed in the order given.
 * Reference: Chan, Golub & LeVeque, Am. Stat. 37 (1983) 242, doi:10.1080/00031305.1983.10483115
 * (the two-pass algorithm).
 * @module
 */

/**
 * @param samples - the draws (units u), at least 2 for a finite sd
 * @returns mean (units u) and sd (units u; NaN for one draw)
 * @example meanAndSd([1, 2, 3, 4]) // returns { mean: 2.5, sd: 1.2909944487358056 }
 */
export function meanAndSd(samples: ArrayLike<number>): { mean: number; sd: number } {
  const n = samples.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += samples[i]!;
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (samples[i]! - mean) ** 2;
  return { mean, sd: Math.sqrt(ss / (n - 1)) };
}
