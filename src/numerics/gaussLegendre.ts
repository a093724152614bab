/**
 * Gauss–Legendre quadrature: nodes and weights for any order (Newton iteration on P_n with the
 * asymptotic initial guess cos(π(i − 1/4)/(n + 1/2)); Abramowitz & Stegun 25.4.29 and
 * Press et al., Numerical Recipes §4.6), single-interval and composite fixed grids.
 * Composite grids are what the forward model precomputes once: a fixed set of nodes with weights.
 */

/** Nodes and weights of a quadrature rule. */
export interface QuadratureRule {
  /** Abscissae (ascending). */
  nodes: Float64Array;
  /** Weights, same length as `nodes`. */
  weights: Float64Array;
}

const cache = new Map<number, QuadratureRule>();

/** [P_n(x), P_{n−1}(x)] by the three-term recurrence (Bonnet). */
function legendrePair(n: number, x: number): [number, number] {
  let p0 = 1;
  let p1 = x;
  for (let k = 2; k <= n; k++) {
    const p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
    p0 = p1;
    p1 = p2;
  }
  return [p1, p0];
}

/**
 * Gauss–Legendre rule on [−1, 1] with n points (exact for polynomials of degree ≤ 2n − 1).
 * @param n - number of points (1 ≤ n ≤ 1000)
 * @returns ascending nodes and weights (cached; do not mutate). Reference: A&S 25.4.29.
 */
export function gaussLegendreRule(n: number): QuadratureRule {
  if (!Number.isInteger(n) || n < 1 || n > 1000) throw new RangeError(`gaussLegendreRule: n must be an integer in [1, 1000], got ${n}`);
  const hit = cache.get(n);
  if (hit) return hit;
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  const m = Math.floor((n + 1) / 2);
  for (let i = 0; i < m; i++) {
    let x = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    for (let it = 0; it < 100; it++) {
      const [pn, pnm1] = legendrePair(n, x);
      const dp = (n * (x * pn - pnm1)) / (x * x - 1);
      const dx = pn / dp;
      x -= dx;
      if (Math.abs(dx) < 1e-16) break;
    }
    const [pn, pnm1] = legendrePair(n, x);
    const dp = (n * (x * pn - pnm1)) / (x * x - 1);
    const w = 2 / ((1 - x * x) * dp * dp);
    nodes[i] = -x;
    nodes[n - 1 - i] = x;
    weights[i] = w;
    weights[n - 1 - i] = w;
  }
  if (n % 2 === 1) nodes[(n - 1) / 2] = 0;
  const rule = { nodes, weights };
  cache.set(n, rule);
  return rule;
}

/**
 * ∫_a^b f(x) dx with an n-point Gauss–Legendre rule.
 * @param f - integrand
 * @param a - lower limit
 * @param b - upper limit
 * @param n - number of points
 * @returns the integral estimate
 */
export function integrateGaussLegendre(f: (x: number) => number, a: number, b: number, n: number): number {
  const { nodes, weights } = gaussLegendreRule(n);
  const c = 0.5 * (a + b);
  const h = 0.5 * (b - a);
  let s = 0;
  for (let i = 0; i < n; i++) s += weights[i]! * f(c + h * nodes[i]!);
  return s * h;
}

/**
 * Composite Gauss–Legendre grid: an n-point rule on every interval [edges[i], edges[i+1]].
 * @param edges - strictly increasing break points (at least 2)
 * @param n - points per interval
 * @returns nodes and weights on the whole range; Σ w f(x) approximates ∫ f over [edges[0], edges[last]]
 */
export function compositeGaussLegendreGrid(edges: readonly number[], n: number): QuadratureRule {
  if (edges.length < 2) throw new RangeError('compositeGaussLegendreGrid: need at least two edges');
  for (let i = 1; i < edges.length; i++) {
    if (!(edges[i]! > edges[i - 1]!)) throw new RangeError('compositeGaussLegendreGrid: edges must be strictly increasing');
  }
  const base = gaussLegendreRule(n);
  const k = edges.length - 1;
  const nodes = new Float64Array(k * n);
  const weights = new Float64Array(k * n);
  for (let j = 0; j < k; j++) {
    const c = 0.5 * (edges[j]! + edges[j + 1]!);
    const h = 0.5 * (edges[j + 1]! - edges[j]!);
    for (let i = 0; i < n; i++) {
      nodes[j * n + i] = c + h * base.nodes[i]!;
      weights[j * n + i] = h * base.weights[i]!;
    }
  }
  return { nodes, weights };
}

/**
 * ∫ f over [edges[0], edges[last]] with an n-point Gauss–Legendre rule on each interval.
 * @param f - integrand
 * @param edges - strictly increasing break points
 * @param n - points per interval
 * @returns the integral estimate
 */
export function integrateCompositeGaussLegendre(f: (x: number) => number, edges: readonly number[], n: number): number {
  const { nodes, weights } = compositeGaussLegendreGrid(edges, n);
  let s = 0;
  for (let i = 0; i < nodes.length; i++) s += weights[i]! * f(nodes[i]!);
  return s;
}

/**
 * `count + 1` logarithmically spaced points from `lo` to `hi` (both > 0), endpoints exact.
 * @param lo - first point (> 0)
 * @param hi - last point (> lo)
 * @param count - number of intervals (≥ 1)
 * @returns the edges
 */
export function logEdges(lo: number, hi: number, count: number): number[] {
  if (!(lo > 0 && hi > lo) || !Number.isInteger(count) || count < 1) throw new RangeError('logEdges: need 0 < lo < hi and integer count ≥ 1');
  const r = Math.log(hi / lo);
  const out: number[] = [];
  for (let i = 0; i <= count; i++) out.push(i === 0 ? lo : i === count ? hi : lo * Math.exp((r * i) / count));
  return out;
}
