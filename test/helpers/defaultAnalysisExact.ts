/**
 * Exact (quadrature) evidences and Savage–Dickey Bayes factors of the default analysis
 * (models/analyses/default.yaml), computed independently of the sampler, of the posterior code
 * (`buildPosterior`) and of the estimators under test: only the experiment's data (observed counts,
 * σ, background) and the fast forward model's signal prediction are taken from nuem.
 *
 * The Gaussian χ² of Khan (arXiv:2201.10578 eq. 7) is quadratic in the normalisation nuisances a =
 * (α, β), so with their Gaussian priors they integrate out analytically:
 *   χ²(a) + a·P·a = c − 2 g·a + a·A·a,  A = S + P,
 *   ∫ exp(−½ …) N(α; 0, σ_α) N(β; 0, σ_β) da = exp(−½ (c − g·A⁻¹g)) / (σ_α σ_β √det A),
 * where r_i = d_i − s_i − b_i, S = Σ (s_i, b_i)ᵀ(s_i, b_i)/σ_i², g = Σ r_i (s_i, b_i)/σ_i², c = Σ r_i²/σ_i²
 * (standard Gaussian integral). The remaining 1-D (q_μμ at q_ee = 0) and 2-D (q_ee, q_μμ)
 * integrals over the flat priors use composite 16-point Gauss–Legendre; the result is given at two
 * resolutions so callers can check convergence.
 */
import { loadAnalysis, resolveAnalysisPath } from '../../src/experiments/loadAnalysis.js';
import { buildAnalysisLikelihood } from '../../src/likelihood/buildAnalysisLikelihood.js';
import { forwardModelPrediction } from '../../src/likelihood/forwardModelPrediction.js';
import { compositeGaussLegendreGrid } from '../../src/numerics/gaussLegendre.js';

/** Exact numbers of the default analysis (likelihood −χ²_data/2 without constants, normalised priors). */
export interface DefaultExact {
  /** ln Z of the full model (q_ee, q_μμ, α, β free) */
  lnZ: number;
  /** ln Z of the nested models q_ee = 0 and q_μμ = 0 */
  lnZ0: { qee: number; qmumu: number };
  /** B₀₁ = Z(q = 0)/Z(full) for q_ee and q_μμ */
  bf01: { qee: number; qmumu: number };
  /** exact marginal posterior CDF of q_ee (q_μμ, α, β integrated out) */
  qeeCdf: (x: number) => number;
}

function edges(lo: number, hi: number, panels: number): number[] {
  return Array.from({ length: panels + 1 }, (_, k) => lo + ((hi - lo) * k) / panels);
}

/**
 * @param panels - Gauss–Legendre panels per axis (16 nodes each)
 * @returns ln Z, nested ln Z and B₀₁ of the default analysis
 */
export function defaultAnalysisExact(panels = 48): DefaultExact {
  const analysis = loadAnalysis(resolveAnalysisPath('default'));
  const lik = buildAnalysisLikelihood(analysis, forwardModelPrediction);
  const term = lik.terms[0]!;
  const obs = term.experiment!.observed!;
  const bins = term.chi2!.bins;
  const bg = term.prediction!.background!;
  const [na, nb] = term.chi2!.nuisances;
  const sa = na.sigma;
  const sb = nb.sigma;
  const s = new Float64Array(term.prediction!.signal.nBins);
  const priorOf = (name: string): { min: number; max: number } => analysis.physics.find((p) => p.name === name)!.prior as { min: number; max: number };
  const pe = priorOf('qee');
  const pm = priorOf('qmumu');
  const theta = new Float64Array(2);
  const iqee = lik.physicsNames.indexOf('qee');
  const iqmm = lik.physicsNames.indexOf('qmumu');
  /** ln ∫ L(q, a) π(a) da */
  const lnM = (qee: number, qmumu: number): number => {
    theta[iqee] = qee;
    theta[iqmm] = qmumu;
    term.prediction!.signal.evaluate(theta, s);
    let s11 = 1 / (sa * sa);
    let s12 = 0;
    let s22 = 1 / (sb * sb);
    let g1 = 0;
    let g2 = 0;
    let c = 0;
    for (const i of bins) {
      const w = 1 / obs.sigma![i]! ** 2;
      const r = obs.counts[i]! - s[i]! - bg[i]!;
      s11 += s[i]! * s[i]! * w;
      s12 += s[i]! * bg[i]! * w;
      s22 += bg[i]! * bg[i]! * w;
      g1 += r * s[i]! * w;
      g2 += r * bg[i]! * w;
      c += r * r * w;
    }
    const det = s11 * s22 - s12 * s12;
    const quad = (s22 * g1 * g1 - 2 * s12 * g1 * g2 + s11 * g2 * g2) / det;
    return -0.5 * (c - quad) - Math.log(sa * sb * Math.sqrt(det));
  };
  const ge = compositeGaussLegendreGrid(edges(pe.min, pe.max, panels), 16);
  const gm = compositeGaussLegendreGrid(edges(pm.min, pm.max, panels), 16);
  // log-sum-exp of the weighted grid values
  const lse = (vals: number[], weights: number[]): number => {
    const m = vals.reduce((a, v) => (v > a ? v : a), -Infinity);
    let t = 0;
    vals.forEach((v, k) => (t += weights[k]! * Math.exp(v - m)));
    return m + Math.log(t);
  };
  const v2: number[] = [];
  const w2: number[] = [];
  for (let i = 0; i < ge.nodes.length; i++) {
    for (let j = 0; j < gm.nodes.length; j++) {
      v2.push(lnM(ge.nodes[i]!, gm.nodes[j]!));
      w2.push(ge.weights[i]! * gm.weights[j]!);
    }
  }
  // marginal of q_ee at the nodes, then its CDF by panel-wise accumulation (exact at panel edges, linear inside)
  const nE = ge.nodes.length;
  const nM = gm.nodes.length;
  const vmax = v2.reduce((a, v) => (v > a ? v : a), -Infinity);
  const marg = Array.from({ length: nE }, (_, i) => {
    let t = 0;
    for (let j = 0; j < nM; j++) t += gm.weights[j]! * Math.exp(v2[i * nM + j]! - vmax);
    return t * ge.weights[i]!;
  });
  const total = marg.reduce((a, b) => a + b, 0);
  const cum: number[] = [0];
  for (let i = 0; i < nE; i++) cum.push(cum[i]! + marg[i]! / total);
  const qeeCdf = (x: number): number => {
    if (x <= pe.min) return 0;
    if (x >= pe.max) return 1;
    let k = 0;
    while (k < nE && ge.nodes[k]! <= x) k++;
    return cum[k]!;
  };
  const lnZ = lse(v2, w2) - Math.log(pe.max - pe.min) - Math.log(pm.max - pm.min);
  const line = (g: { nodes: Float64Array; weights: Float64Array }, f: (x: number) => number): number =>
    lse(Array.from(g.nodes, f), Array.from(g.weights));
  const lnZ0qee = line(gm, (x) => lnM(0, x)) - Math.log(pm.max - pm.min);
  const lnZ0qmumu = line(ge, (x) => lnM(x, 0)) - Math.log(pe.max - pe.min);
  return { qeeCdf, lnZ, lnZ0: { qee: lnZ0qee, qmumu: lnZ0qmumu }, bf01: { qee: Math.exp(lnZ0qee - lnZ), qmumu: Math.exp(lnZ0qmumu - lnZ) } };
}
