/**
 * Conditioning check of an initial ensemble (emcee `walkers_independent`): centre each column,
 * scale it by its max |value| and then by its 2-norm, and require the 2-norm condition number of
 * the nwalkers × ndim matrix to be ≤ 1e8. Singular values by one-sided Jacobi (Hestenes 1958,
 * doi:10.1137/0106005), accurate for small singular values.
 * Reference: emcee `ensemble.py` `walkers_independent`; Goodman & Weare 2010, doi:10.2140/camcos.2010.5.65.
 * @module
 */

/** Result of {@link walkersConditionNumber}: `Infinity` for a constant or non-finite column. */
export interface ConditionResult {
  cond: number;
  /** why the ensemble is degenerate, if it is */
  reason?: string;
}

/**
 * Condition number of the scaled, centred walker matrix.
 * @param coords - row-major nwalkers × ndim
 * @param nwalkers - rows
 * @param ndim - columns
 * @returns condition number (σ_max/σ_min) and a reason when infinite
 */
export function walkersConditionNumber(coords: ArrayLike<number>, nwalkers: number, ndim: number): ConditionResult {
  const C = new Float64Array(nwalkers * ndim);
  for (let d = 0; d < ndim; d++) {
    let mean = 0;
    for (let i = 0; i < nwalkers; i++) {
      const v = coords[i * ndim + d]!;
      if (!Number.isFinite(v)) return { cond: Infinity, reason: `walker ${i} has non-finite coordinate ${d} (${v})` };
      mean += v;
    }
    mean /= nwalkers;
    let mx = 0;
    for (let i = 0; i < nwalkers; i++) {
      const v = coords[i * ndim + d]! - mean;
      C[i * ndim + d] = v;
      mx = Math.max(mx, Math.abs(v));
    }
    if (mx === 0) return { cond: Infinity, reason: `all walkers have the same value of coordinate ${d}` };
    let n2 = 0;
    for (let i = 0; i < nwalkers; i++) {
      C[i * ndim + d] = C[i * ndim + d]! / mx;
      n2 += C[i * ndim + d]! ** 2;
    }
    const nrm = Math.sqrt(n2);
    for (let i = 0; i < nwalkers; i++) C[i * ndim + d] = C[i * ndim + d]! / nrm;
  }
  // one-sided Jacobi: rotate column pairs until mutually orthogonal; singular values = column norms
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    for (let p = 0; p < ndim - 1; p++) {
      for (let q = p + 1; q < ndim; q++) {
        let alpha = 0,
          beta = 0,
          gamma = 0;
        for (let i = 0; i < nwalkers; i++) {
          const a = C[i * ndim + p]!,
            b = C[i * ndim + q]!;
          alpha += a * a;
          beta += b * b;
          gamma += a * b;
        }
        if (gamma === 0) continue;
        off = Math.max(off, Math.abs(gamma) / Math.sqrt(alpha * beta));
        const zeta = (beta - alpha) / (2 * gamma);
        const t = Math.sign(zeta || 1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        for (let i = 0; i < nwalkers; i++) {
          const a = C[i * ndim + p]!,
            b = C[i * ndim + q]!;
          C[i * ndim + p] = c * a - s * b;
          C[i * ndim + q] = s * a + c * b;
        }
      }
    }
    if (off < 1e-15) break;
  }
  let smax = 0,
    smin = Infinity;
  for (let d = 0; d < ndim; d++) {
    let n2 = 0;
    for (let i = 0; i < nwalkers; i++) n2 += C[i * ndim + d]! ** 2;
    const s = Math.sqrt(n2);
    smax = Math.max(smax, s);
    smin = Math.min(smin, s);
  }
  if (nwalkers < ndim) return { cond: Infinity, reason: `only ${nwalkers} walkers for ${ndim} dimensions` };
  return smin === 0 ? { cond: Infinity, reason: 'walkers lie in a lower-dimensional subspace' } : { cond: smax / smin };
}
