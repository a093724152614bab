/**
 * Benchmark section `modes` (`npm run bench -- --only=modes`): does the sampler weight the modes
 * of a multimodal posterior correctly? The parallel-tempered ensemble (src/sampler/tempering) and
 * the plain ensemble (stretch move) against exact 1-D integration, side by side at (nearly) the
 * same wall time, on two targets:
 *
 * 1. **Built-in bimodal target** (src/sampler/targets/bimodalTarget.ts): 0.2 N(−μ, 1) + 0.8 N(+μ, 1)
 *    in x₀, x₁ ~ N(0, 1), inside a U(−20, 20)² prior, with μ = 4 and μ = 8. Every walker starts in
 *    the minor mode (a ball of radius 0.1 at (−μ, 0)) — what happens when the initial ball, e.g.
 *    around a local best fit, lands in one mode. Exact mass of x₀ > 0: 0.8 Φ(μ) + 0.2 Φ(−μ)
 *    (mixture CDF), also recomputed here by Gauss–Legendre quadrature of the x₀ marginal.
 * 2. **Khan's one-parameter q_ee analysis** (models/analyses/khan2022-qee.yaml; arXiv:2201.10578
 *    eq. 7 and 10): q_ee with the normalisation nuisances α, β sampled. Its q_ee marginal has two
 *    shallow modes (near 0.7·10⁻⁷ e and 4.5·10⁻⁷ e with a dip to ≈ 0.7 of the lower peak). Walkers
 *    start in a small ball at the upper mode (near the best fit, where `nuem run` starts them).
 *    Exact marginal: ∫∫ exp(ln π + ln L) dα dβ of nuem's own posterior (`buildPosterior`) by
 *    composite 16-point Gauss–Legendre in α ∈ ±8σ_α, β ∈ ±8σ_β (prior mass outside < 1e-14) at
 *    every q_ee node; the mode boundary is the density minimum between the peaks; the stated
 *    quadrature error is the change from a coarser grid.
 *
 * Per target and sampler, over R seeds: the β = 1 chain's fraction of kept draws (after a burn-in
 * of one fifth, which for the tempered run is also the ladder's adaptation period) in the upper
 * mode, its MCSE (per-step walker fraction, two halves as chains, Vehtari et al. 2021
 * doi:10.1214/20-BA1221), the error against the exact mass, and the wall time. The plain ensemble
 * gets T times the tempered run's steps, i.e. the same number of likelihood evaluations and so about
 * the same wall time (both measured, side by side, per seed). Results go to docs/performance.md
 * and docs/statistics.md. `BENCH_QUICK=1` uses 2 seeds.
 */
import { cpus, loadavg } from 'node:os';
import { mcseMean } from '../src/diagnostics/mcseMean.js';
import { loadAnalysis } from '../src/experiments/loadAnalysis.js';
import { buildPosterior } from '../src/likelihood/buildPosterior.js';
import { compositeGaussLegendreGrid } from '../src/numerics/gaussLegendre.js';
import { normalCdf } from '../src/numerics/stdlib.js';
import { temperedTarget } from '../src/pipeline/temperedTask.js';
import { makeRng } from '../src/random/makeRng.js';
import { MemoryBackend } from '../src/sampler/backends/memoryBackend.js';
import { initialBall } from '../src/sampler/initialBall.js';
import { StretchMove } from '../src/sampler/moves/stretchMove.js';
import { runSampler } from '../src/sampler/runSampler.js';
import { bimodalTarget } from '../src/sampler/targets/bimodalTarget.js';
import { makeLadder } from '../src/sampler/tempering/ladder.js';
import { runTempered } from '../src/sampler/tempering/runTempered.js';
import type { TemperedTarget } from '../src/sampler/tempering/TemperedEnsemble.js';
import type { BatchLogProb } from '../src/sampler/types.js';

const QUICK = process.env.BENCH_QUICK === '1';
const now = (): number => Number(process.hrtime.bigint()) / 1e9;
const W = 32;
const T = 8;

interface Case {
  name: string;
  target: TemperedTarget;
  ndim: number;
  /** upper mode: coordinate 0 above this */
  boundary: number;
  exactMass: number;
  exactNote: string;
  initial: (seed: number) => Float64Array;
  steps: number;
}

interface SamplerStats {
  steps: number;
  /** wall seconds per seed */
  wall_s: number[];
  /** estimated upper-mode mass per seed */
  mass: number[];
  /** its MCSE per seed */
  mcse: number[];
  /** estimate − exact per seed */
  error: number[];
  rmsError: number;
  maxAbsError: number;
  /** seeds with |error| < 2 MCSE */
  within2Mcse: number;
}

/** Fraction of kept β = 1 draws with coordinate 0 above the boundary, and its MCSE. */
function upperMass(chain: Float64Array, steps: number, ndim: number, boundary: number): { mass: number; mcse: number } {
  const burn = Math.floor(steps / 5);
  const frac = new Float64Array(steps - burn);
  for (let s = burn; s < steps; s++) {
    let k = 0;
    for (let w = 0; w < W; w++) if (chain[(s * W + w) * ndim]! > boundary) k++;
    frac[s - burn] = k / W;
  }
  const mass = frac.reduce((a, b) => a + b, 0) / frac.length;
  const h = frac.length >> 1;
  const constant = frac.every((v) => v === frac[0]);
  return { mass, mcse: constant ? 0 : mcseMean([frac.subarray(0, h), frac.subarray(h, 2 * h)]) };
}

function stats(steps: number, runs: { wall: number; mass: number; mcse: number }[], exact: number): SamplerStats {
  const error = runs.map((r) => r.mass - exact);
  return {
    steps,
    wall_s: runs.map((r) => +r.wall.toFixed(3)),
    mass: runs.map((r) => +r.mass.toFixed(5)),
    mcse: runs.map((r) => +r.mcse.toFixed(5)),
    error: error.map((e) => +e.toFixed(5)),
    rmsError: +Math.sqrt(error.reduce((a, e) => a + e * e, 0) / error.length).toFixed(5),
    maxAbsError: +Math.max(...error.map(Math.abs)).toFixed(5),
    within2Mcse: runs.filter((r, i) => Math.abs(error[i]!) < 2 * r.mcse).length,
  };
}

async function compare(c: Case, seeds: number[]): Promise<Record<string, unknown>> {
  const betas = makeLadder(c.ndim, T);
  const logProb: BatchLogProb = (() => {
    let lp = new Float64Array(0);
    return (x, n, out) => {
      if (lp.length < n) lp = new Float64Array(n);
      c.target.logPrior(x, n, lp);
      c.target.logLikelihood(x, n, out);
      for (let i = 0; i < n; i++) out[i] = lp[i] === -Infinity ? -Infinity : out[i]! + lp[i]!;
    };
  })();
  const tempered: { wall: number; mass: number; mcse: number }[] = [];
  const plain: { wall: number; mass: number; mcse: number }[] = [];
  // as many likelihood evaluations as the tempered run (T rungs per step): the same wall time up to
  // the swap overhead, which the measured wall times show
  const plainSteps = T * c.steps;
  for (const seed of seeds) {
    const bs = betas.map(() => new MemoryBackend());
    let t0 = now();
    await runTempered({ target: c.target, nwalkers: W, ndim: c.ndim, moves: [{ type: 'stretch' }], betas, adaptation: { lag: 1000, time: 10, until: Math.floor(c.steps / 5) }, rng: 'default', seed, initial: c.initial(seed), nsteps: c.steps, backends: bs });
    const tw = now() - t0;
    tempered.push({ wall: tw, ...upperMass(bs[0]!.getChain(), c.steps, c.ndim, c.boundary) });
    const be = new MemoryBackend();
    t0 = now();
    await runSampler({ logProb, nwalkers: W, ndim: c.ndim, moves: new StretchMove(), rng: makeRng('default', seed), initial: c.initial(seed), nsteps: plainSteps, backend: be });
    plain.push({ wall: now() - t0, ...upperMass(be.getChain(), plainSteps, c.ndim, c.boundary) });
  }
  return {
    exactUpperMass: +c.exactMass.toFixed(6),
    exact: c.exactNote,
    boundary: c.boundary,
    walkers: W,
    temperatures: T,
    seeds,
    tempered: stats(c.steps, tempered, c.exactMass),
    plain: stats(plainSteps, plain, c.exactMass),
  };
}

function bimodalCase(mu: number): Case {
  const boxPrior: BatchLogProb = (x, n, out) => {
    for (let i = 0; i < n; i++) out[i] = Math.abs(x[2 * i]!) <= 20 && Math.abs(x[2 * i + 1]!) <= 20 ? -2 * Math.log(40) : -Infinity;
  };
  const analytic = 0.8 * normalCdf(mu, 0, 1) + 0.2 * normalCdf(-mu, 0, 1);
  // the same mass by quadrature of the x₀ marginal over (0, 20] and [−20, 20]
  const f = (x: number): number => 0.8 * Math.exp(-0.5 * (x - mu) ** 2) + 0.2 * Math.exp(-0.5 * (x + mu) ** 2);
  const quad = (lo: number, hi: number): number => {
    const g = compositeGaussLegendreGrid(Array.from({ length: 41 }, (_, k) => lo + ((hi - lo) * k) / 40), 16);
    let s = 0;
    g.nodes.forEach((x, k) => (s += g.weights[k]! * f(x)));
    return s;
  };
  const byQuadrature = quad(0, 20) / quad(-20, 20);
  return {
    name: `bimodal ±${mu}`,
    target: { logPrior: boxPrior, logLikelihood: bimodalTarget(2, mu, 0.8) },
    ndim: 2,
    boundary: 0,
    exactMass: analytic,
    exactNote: `0.8 Φ(${mu}) + 0.2 Φ(−${mu}) = ${analytic.toFixed(8)}; Gauss–Legendre on the x₀ marginal: ${byQuadrature.toFixed(8)}`,
    initial: (seed) => initialBall(makeRng('default', 1000 + seed), W, 2, 0.1, [-mu, 0]),
    steps: 2500,
  };
}

/** Exact q_ee marginal of Khan's analysis (module doc): ln of ∫∫ exp(ln π + ln L) dα dβ at q. */
function khanCase(): Case {
  const analysis = loadAnalysis('khan2022-qee');
  const post = buildPosterior(analysis);
  const sa = (post.parameters[1]!.prior as { sigma: number }).sigma;
  const sb = (post.parameters[2]!.prior as { sigma: number }).sigma;
  const lnMarginal = (qs: readonly number[], panels: number): number[] => {
    const ga = compositeGaussLegendreGrid(Array.from({ length: panels + 1 }, (_, k) => -8 * sa + (16 * sa * k) / panels), 16);
    const gb = compositeGaussLegendreGrid(Array.from({ length: panels + 1 }, (_, k) => -8 * sb + (16 * sb * k) / panels), 16);
    const na = ga.nodes.length;
    const nb = gb.nodes.length;
    const x = new Float64Array(na * nb * 3);
    const out = new Float64Array(na * nb);
    return qs.map((q) => {
      let k = 0;
      for (let i = 0; i < na; i++) {
        for (let j = 0; j < nb; j++, k++) {
          x[3 * k] = q;
          x[3 * k + 1] = ga.nodes[i]!;
          x[3 * k + 2] = gb.nodes[j]!;
        }
      }
      post.logProbBatch(x, na * nb, out);
      let m = -Infinity;
      for (const v of out) if (v > m) m = v;
      let s = 0;
      k = 0;
      for (let i = 0; i < na; i++) for (let j = 0; j < nb; j++, k++) s += ga.weights[i]! * gb.weights[j]! * Math.exp(out[k]! - m);
      return m + Math.log(s);
    });
  };
  // where the mass is: ln density below the peak by > 60 outside [−1.2, 1.6]·10⁻⁶ (checked on a coarse scan)
  const lo = -1.2e-6;
  const hi = 1.6e-6;
  // 1. the valley between the two modes on a fine uniform scan
  const scan = Array.from({ length: 281 }, (_, k) => lo + ((hi - lo) * k) / 280);
  const ls = lnMarginal(scan, 4);
  const peaks: number[] = [];
  for (let k = 1; k + 1 < ls.length; k++) if (ls[k]! > ls[k - 1]! && ls[k]! >= ls[k + 1]!) peaks.push(k);
  if (peaks.length !== 2) throw new Error(`modes bench: expected two peaks of the Khan q_ee marginal, found ${peaks.length}`);
  let v = peaks[0]!;
  for (let k = peaks[0]!; k <= peaks[1]!; k++) if (ls[k]! < ls[v]!) v = k;
  // refine the valley by a parabola through its neighbours
  const [a, b, c] = [ls[v - 1]!, ls[v]!, ls[v + 1]!];
  const h = scan[1]! - scan[0]!;
  const boundary = scan[v]! + (0.5 * h * (a - c)) / (a - 2 * b + c);
  // 2. masses by Gauss–Legendre on [lo, boundary] and [boundary, hi]
  const mass = (qPanels: number, abPanels: number): number => {
    const part = (l: number, r: number): number[] => {
      const g = compositeGaussLegendreGrid(Array.from({ length: qPanels + 1 }, (_, k) => l + ((r - l) * k) / qPanels), 16);
      const lm = lnMarginal(Array.from(g.nodes), abPanels);
      return lm.map((val, k) => Math.log(g.weights[k]!) + val);
    };
    const low = part(lo, boundary);
    const up = part(boundary, hi);
    const m = Math.max(...low, ...up);
    const sl = low.reduce((s, val) => s + Math.exp(val - m), 0);
    const su = up.reduce((s, val) => s + Math.exp(val - m), 0);
    return su / (sl + su);
  };
  const fine = mass(12, 8);
  const coarse = mass(6, 4);
  const peakQ = scan[peaks[1]!]!;
  return {
    name: 'khan2022-qee',
    target: temperedTarget(post.parameters, post.logLikelihoodBatch),
    ndim: 3,
    boundary,
    exactMass: fine,
    exactNote: `peaks at q_ee ≈ ${scan[peaks[0]!]!.toExponential(2)}, ${peakQ.toExponential(2)}; boundary (density minimum) ${boundary.toExponential(4)}; mass above it ${fine.toFixed(8)} (12×16 nodes per mode in q_ee, 8×16 in α and β), coarser grid (6×16, 4×16) ${coarse.toFixed(8)}`,
    initial: (seed) => initialBall(makeRng('default', 1000 + seed), W, 3, [1e-8, 0.01, 0.05], [peakQ, 0, 0]),
    steps: 2000,
  };
}

/**
 * Runs both comparisons.
 * @returns exact masses and the tempered and plain ensembles' estimates, errors and wall times
 */
export async function run(): Promise<Record<string, unknown>> {
  const seeds = QUICK ? [1, 2] : [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  const t0 = now();
  const bimodal4 = await compare(bimodalCase(4), seeds);
  const bimodal8 = await compare(bimodalCase(8), seeds);
  const khan = await compare(khanCase(), seeds);
  return { machine: { cpus: cpus().length, loadavg1: +loadavg()[0]!.toFixed(2) }, bimodal4, bimodal8, khan2022qee: khan, total_s: +(now() - t0).toFixed(1) };
}
