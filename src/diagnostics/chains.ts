/**
 * The multi-chain input of the Vehtari et al. (2021) diagnostics and the helpers shared by them:
 * chain splitting and pooling.
 * @module
 */

/** m independent chains of n draws each (one parameter); e.g. `[chain1, chain2]`. */
export type Chains = readonly ArrayLike<number>[];

/**
 * Split every chain into its first and last ⌊n/2⌋ draws (an odd n drops the middle draw), giving
 * 2m chains. Reference: Vehtari et al. 2021, doi:10.1214/20-BA1221, §4.1; Vehtari et al. 2021, arXiv:1903.08008.
 * @param chains - m chains of n draws
 * @returns 2m chains of ⌊n/2⌋ draws: first halves in chain order, then second halves
 * @example splitChains([[1, 2, 3, 4, 5]]) // returns [[1, 2], [4, 5]]
 */
export function splitChains(chains: Chains): Float64Array[] {
  const n = commonLength(chains);
  const half = Math.floor(n / 2);
  const first = chains.map((c) => Float64Array.from({ length: half }, (_, i) => c[i]));
  const second = chains.map((c) => Float64Array.from({ length: half }, (_, i) => c[n - half + i]));
  return [...first, ...second];
}

/**
 * All draws of all chains in one array (chain after chain).
 * @param chains - m chains of n draws
 * @returns Float64Array of m·n draws
 * @example pooled([[1, 2], [3, 4]]) // returns [1, 2, 3, 4]
 */
export function pooled(chains: Chains): Float64Array {
  const n = commonLength(chains);
  const out = new Float64Array(chains.length * n);
  chains.forEach((c, j) => {
    for (let i = 0; i < n; i++) out[j * n + i] = c[i];
  });
  return out;
}

/**
 * Apply `f` to every draw, keeping the chain structure.
 * @param chains - m chains
 * @param f - the transform (e.g. an indicator or a square)
 * @returns new chains of f(x)
 * @example mapChains([[1, 2]], (x) => x * x) // returns [[1, 4]]
 */
export function mapChains(chains: Chains, f: (x: number) => number): Float64Array[] {
  return chains.map((c) => Float64Array.from(c as ArrayLike<number>, f));
}

/**
 * The common draw count of the chains.
 * @param chains - m ≥ 1 chains
 * @returns n
 * @throws RangeError if there are no chains or their lengths differ
 * @example commonLength([[1, 2], [3, 4]]) // returns 2
 */
export function commonLength(chains: Chains): number {
  if (chains.length === 0) throw new RangeError('diagnostics: no chains given');
  const n = chains[0].length;
  for (const c of chains) {
    if (c.length !== n) throw new RangeError(`diagnostics: chains have different lengths (${n} and ${c.length}); trim them to a common length`);
  }
  return n;
}

/**
 * True when every draw is finite (the diagnostics return NaN otherwise, as ArviZ does).
 * @param chains - m chains
 * @returns whether all values are finite
 * @example allFinite([[1, NaN]]) // returns false
 */
export function allFinite(chains: Chains): boolean {
  for (const c of chains) for (let i = 0; i < c.length; i++) if (!Number.isFinite(c[i])) return false;
  return true;
}
