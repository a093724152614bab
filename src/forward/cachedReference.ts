/**
 * Memoised reference evaluations: the simplest fallback for parameters that are not polynomial.
 * Keys are the exact IEEE values of the argument vector (bit-identical inputs only), and the cache
 * keeps the `maxEntries` most recently used results (least-recently-used eviction). Useful for
 * profile scans and grid searches that revisit the same points; useless for continuous sampling,
 * where `interpolatedForwardModel` is the fallback to use.
 */

/** A memoised function of a numeric vector. */
export interface CachedReference<T> {
  /**
   * Returns the cached value for `x`, computing it on a miss. The returned object is shared with
   * the cache: do not modify it.
   * @param x argument vector (units of the wrapped function)
   */
  get(x: ArrayLike<number>): T;
  /** Number of calls answered from the cache. */
  readonly hits: number;
  /** Number of calls that ran the wrapped function. */
  readonly misses: number;
  /** Entries currently held. */
  readonly size: number;
}

/**
 * Wraps an expensive function (e.g. `(x) => computeSpectrum(variant(exp, x[0]), p)`) in an LRU cache.
 * @param compute function of a numeric vector
 * @param maxEntries capacity (default 256), ≥ 1
 * @returns the cached function with hit/miss counters
 * @example const c = cachedReference((x) => computeSpectrum(withRn(exp, x[0]), emParams()), 64); c.get([4.83])
 * Reference: LRU caching (Knuth TAOCP vol. 3 background); issue 3 fallback requirement.
 */
export function cachedReference<T>(compute: (x: Float64Array) => T, maxEntries = 256): CachedReference<T> {
  if (!(maxEntries >= 1)) throw new Error(`cachedReference: maxEntries must be ≥ 1, got ${maxEntries}`);
  const cache = new Map<string, T>();
  let hits = 0;
  let misses = 0;
  const bits = new Float64Array(1);
  const words = new Uint32Array(bits.buffer);
  return {
    get(x) {
      let key = '';
      for (let i = 0; i < x.length; i++) {
        bits[0] = x[i];
        key += `${words[0].toString(36)}.${words[1].toString(36)},`;
      }
      const found = cache.get(key);
      if (found !== undefined) {
        hits++;
        cache.delete(key);
        cache.set(key, found);
        return found;
      }
      misses++;
      const value = compute(Float64Array.from(x));
      cache.set(key, value);
      if (cache.size > maxEntries) cache.delete(cache.keys().next().value as string);
      return value;
    },
    get hits() {
      return hits;
    },
    get misses() {
      return misses;
    },
    get size() {
      return cache.size;
    },
  };
}
