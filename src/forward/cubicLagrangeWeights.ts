/**
 * Local cubic (4-point) Lagrange interpolation weights on a sorted, possibly non-uniform grid.
 *
 * For x in [x_i, x_{i+1}] the stencil is x_{i−1} … x_{i+2}, shifted inwards at the ends (so the
 * first and last intervals use one-sided stencils). The interpolant reproduces cubics exactly and
 * its error is bounded by max|f⁗|/24 · |Π_j (x − x_j)| ≤ (3/128)·max|f⁗|·h⁴ for uniform spacing h
 * inside the interior intervals (Abramowitz & Stegun 25.2.2 and the remainder 25.2.3).
 */

/**
 * Writes the stencil start index and its four weights for interpolation at `x`. Allocation-free.
 * Points outside [nodes[0], nodes[n−1]] are extrapolated with the end stencil (callers should
 * reject them; see `interpolatedForwardModel`).
 * @param nodes grid, strictly increasing, length ≥ 4
 * @param x abscissa (units of the grid)
 * @param weights destination of length 4
 * @returns index of the first stencil node
 * @example cubicLagrangeWeights([0, 1, 2, 3], 1.5, w) // returns 0; w = [-0.0625, 0.5625, 0.5625, -0.0625]
 * Reference: Abramowitz & Stegun, Handbook of Mathematical Functions, 25.2.2.
 */
export function cubicLagrangeWeights(nodes: ArrayLike<number>, x: number, weights: Float64Array): number {
  const n = nodes.length;
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (nodes[mid] <= x) lo = mid;
    else hi = mid;
  }
  const start = Math.min(Math.max(lo - 1, 0), n - 4);
  for (let j = 0; j < 4; j++) {
    let w = 1;
    const xj = nodes[start + j];
    for (let m = 0; m < 4; m++) if (m !== j) w *= (x - nodes[start + m]) / (xj - nodes[start + m]);
    weights[j] = w;
  }
  return start;
}
