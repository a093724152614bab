/**
 * Adaptive Gauss–Kronrod quadrature with the 7-point Gauss / 15-point Kronrod pair (G7K15).
 * Nodes and weights: QUADPACK `qk15` (Piessens et al., QUADPACK, Springer 1983). The error
 * estimate of a panel is |K15 − G7|, and the interval with the largest error is bisected until
 * the total error meets max(absTol, relTol·|I|) (global adaptive strategy as in QUADPACK `qag`,
 * without the ε-algorithm extrapolation).
 */

/** Kronrod abscissae on [−1, 1] (non-negative half, descending; the odd indices are the Gauss nodes). */
const XGK = [
  0.9914553711208126, 0.9491079123427585, 0.8648644233597691,
  0.7415311855993945, 0.5860872354676911, 0.4058451513773972,
  0.20778495500789848, 0.0,
];
/** Kronrod weights matching {@link XGK}. */
const WGK = [
  0.022935322010529224, 0.06309209262997856, 0.10479001032225019,
  0.14065325971552592, 0.1690047266392679, 0.19035057806478542,
  0.20443294007529889, 0.20948214108472782,
];
/** 7-point Gauss weights for the nodes XGK[1], XGK[3], XGK[5], XGK[7]. */
const WG = [0.1294849661688697, 0.27970539148927664, 0.3818300505051189, 0.4179591836734694];

/** One G7K15 panel: the 15-point Kronrod value and the |K15 − G7| error estimate. */
export interface QuadraturePanel {
  /** Kronrod estimate of the integral over the panel. */
  value: number;
  /** |K15 − G7|, a (pessimistic) error estimate. */
  error: number;
}

/**
 * Applies the G7K15 rule once on [a, b].
 * @param f - integrand
 * @param a - lower limit
 * @param b - upper limit
 * @returns Kronrod value and error estimate. Source: QUADPACK qk15 nodes.
 */
export function gaussKronrod15(f: (x: number) => number, a: number, b: number): QuadraturePanel {
  const c = 0.5 * (a + b);
  const h = 0.5 * (b - a);
  const fc = f(c);
  let k = fc * WGK[7]!;
  let g = fc * WG[3]!;
  for (let j = 0; j < 7; j++) {
    const dx = h * XGK[j]!;
    const s = f(c - dx) + f(c + dx);
    k += WGK[j]! * s;
    if (j % 2 === 1) g += WG[(j - 1) / 2]! * s;
  }
  return { value: k * h, error: Math.abs((k - g) * h) };
}

/** Options of {@link integrateAdaptive}. */
export interface AdaptiveQuadratureOptions {
  /** Absolute error goal (default 0). */
  absTol?: number;
  /** Relative error goal (default 1e-8). */
  relTol?: number;
  /** Maximum number of panels before giving up (default 2000). */
  maxPanels?: number;
  /** Initial break points strictly inside (a, b), e.g. known kinks or steps of the integrand. */
  breakpoints?: readonly number[];
}

/** Result of {@link integrateAdaptive}. */
export interface QuadratureResult {
  /** Integral estimate. */
  value: number;
  /** Sum of the panel error estimates. */
  error: number;
  /** Number of integrand evaluations. */
  evaluations: number;
  /** True if the error goal was met within `maxPanels`. */
  converged: boolean;
}

/**
 * Global adaptive G7K15 integration of f over [a, b] (a > b gives the negated integral).
 * @param f - integrand, finite on the open interval (the endpoints are never evaluated)
 * @param a - lower limit
 * @param b - upper limit
 * @param opts - tolerances, panel budget and initial break points
 * @returns the integral, its error estimate, the number of evaluations and a convergence flag.
 * Reference: QUADPACK `qag` strategy (Piessens et al. 1983).
 */
export function integrateAdaptive(
  f: (x: number) => number,
  a: number,
  b: number,
  opts: AdaptiveQuadratureOptions = {},
): QuadratureResult {
  if (a === b) return { value: 0, error: 0, evaluations: 0, converged: true };
  if (a > b) {
    const r = integrateAdaptive(f, b, a, opts);
    return { ...r, value: -r.value };
  }
  const absTol = opts.absTol ?? 0;
  const relTol = opts.relTol ?? 1e-8;
  const maxPanels = opts.maxPanels ?? 2000;
  const cuts = [a, ...(opts.breakpoints ?? []).filter((x) => x > a && x < b).sort((x, y) => x - y), b];
  const panels: { a: number; b: number; value: number; error: number }[] = [];
  let evaluations = 0;
  for (let i = 0; i + 1 < cuts.length; i++) {
    const lo = cuts[i]!;
    const hi = cuts[i + 1]!;
    if (hi <= lo) continue;
    const p = gaussKronrod15(f, lo, hi);
    evaluations += 15;
    panels.push({ a: lo, b: hi, ...p });
  }
  const total = () => {
    let v = 0;
    let e = 0;
    for (const p of panels) {
      v += p.value;
      e += p.error;
    }
    return { v, e };
  };
  let { v, e } = total();
  while (e > Math.max(absTol, relTol * Math.abs(v)) && panels.length < maxPanels) {
    let worst = 0;
    for (let i = 1; i < panels.length; i++) if (panels[i]!.error > panels[worst]!.error) worst = i;
    const p = panels[worst]!;
    const m = 0.5 * (p.a + p.b);
    if (!(m > p.a && m < p.b)) break; // interval cannot be split further in floating point
    const left = gaussKronrod15(f, p.a, m);
    const right = gaussKronrod15(f, m, p.b);
    evaluations += 30;
    panels.splice(worst, 1, { a: p.a, b: m, ...left }, { a: m, b: p.b, ...right });
    ({ v, e } = total());
  }
  return { value: v, error: e, evaluations, converged: e <= Math.max(absTol, relTol * Math.abs(v)) };
}
