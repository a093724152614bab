/**
 * Toy study of the 2-D CsI model: pseudo-data generated at known (θ, ν) (Poisson in every bin and
 * for the AC count, `generate` of the experiment interface), each refitted over θ and all
 * nuisances, and the pulls (x̂ − x_true)/σ̂ of the CEvNS normalisation (the signal-normalisation
 * nuisance with its prior switched off, i.e. a free signal strength) and of one EM parameter.
 * An unbiased fit with correct uncertainties gives pulls of mean 0 and width 1.
 *
 * Fit: bounded BFGS (src/numerics/boxBfgs.ts) on −2 ln L + the prior penalties of the other
 * nuisances, central-difference gradients; σ̂ from the inverse of the finite-difference Hessian
 * of −2 ln L (covariance = 2 H⁻¹; F. James, "Statistical Methods in Experimental Physics",
 * 2nd ed. (2006), §7.2). The priors of the constrained nuisances are centred on their true values
 * (fixed global observables), which leaves the free parameters' pulls unbiased to first order.
 *
 * The EM parameter also gets a likelihood-ratio pull, z = sign(θ̂ − θ_true)·√q with
 * q = −2 ln L(θ_true, ν̂(θ_true)) + 2 ln L(θ̂, ν̂) (the signed root of the profile-likelihood ratio;
 * G. Cowan, K. Cranmer, E. Gross, O. Vitells, Eur. Phys. J. C 71, 1554 (2011), arXiv:1007.1727,
 * §3). It is N(0, 1) when Wilks' theorem holds, also where −2 ln L is not a parabola in θ
 * (the CEvNS rate is quadratic in a millicharge), which is where the Hessian pull's width departs
 * from 1; the intervals nuem reports are profile-likelihood intervals, i.e. of this kind.
 */
import { boxBfgs } from '../../numerics/boxBfgs.js';
import { nuisancePenalty } from '../../experimentModel/nuisancePenalty.js';
import { makeRng } from '../../random/makeRng.js';
import { csi2dExperimentModel } from './index.js';
import type { Csi2dModel } from './model.js';

/** Options of {@link csi2dToyPulls}. */
export interface ToyPullOptions {
  /** number of toys */
  toys: number;
  /** seed of the emcee-compatible MT19937 stream */
  seed: number;
  /** true EM parameters (θ order of the model) */
  thetaTrue: readonly number[];
  /** typical size of each EM parameter (minimiser scale, finite-difference steps) */
  thetaScale: readonly number[];
}

/** Result of {@link csi2dToyPulls}. */
export interface ToyPulls {
  /** pulls of the signal normalisation, one per converged toy */
  signal: number[];
  /** pulls of the first EM parameter (Hessian error) */
  theta: number[];
  /** likelihood-ratio pulls of the first EM parameter, sign(θ̂ − θ_true)·√q (module header) */
  thetaLR: number[];
  /** toys whose fit or Hessian failed (excluded) */
  failed: number;
}

/** Inverse of a symmetric positive-definite matrix (Gauss–Jordan); undefined if singular. */
function invert(a: Float64Array, n: number): Float64Array | undefined {
  const m = Float64Array.from(a);
  const inv = new Float64Array(n * n);
  for (let i = 0; i < n; i++) inv[i * n + i] = 1;
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r * n + c]!) > Math.abs(m[p * n + c]!)) p = r;
    const piv = m[p * n + c]!;
    if (!(Math.abs(piv) > 0)) return undefined;
    for (let k = 0; k < n; k++) {
      [m[c * n + k], m[p * n + k]] = [m[p * n + k]!, m[c * n + k]!];
      [inv[c * n + k], inv[p * n + k]] = [inv[p * n + k]!, inv[c * n + k]!];
    }
    for (let k = 0; k < n; k++) {
      m[c * n + k]! /= piv;
      inv[c * n + k]! /= piv;
    }
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r * n + c]!;
      if (f === 0) continue;
      for (let k = 0; k < n; k++) {
        m[r * n + k]! -= f * m[c * n + k]!;
        inv[r * n + k]! -= f * inv[c * n + k]!;
      }
    }
  }
  return inv;
}

/**
 * f and its central-difference gradient, steps 1e-4 of each coordinate's scale (the objective for
 * boxBfgs).
 *
 * @param f - objective
 * @param scale - typical size per coordinate
 * @param n - dimension
 * @returns (x, g) → f(x), filling g
 */
function centralGradient(f: (x: ArrayLike<number>) => number, scale: ArrayLike<number>, n: number): (x: Float64Array, g: Float64Array) => number {
  const xs = new Float64Array(n);
  return (x, g) => {
    const f0 = f(x);
    for (let k = 0; k < n; k++) {
      const h = 1e-4 * scale[k]!;
      const v = x[k]!;
      xs.set(x);
      xs[k] = v + h;
      const fp = f(xs);
      xs[k] = v - h;
      const fm = f(xs);
      g[k] = (fp - fm) / (2 * h);
    }
    return f0;
  };
}

/**
 * Generates and refits toys; returns the pulls.
 *
 * @param model - the 2-D model with at least one free EM parameter
 * @param opts - number of toys, seed, true θ and its scale
 * @returns pulls of the signal normalisation and of θ[0]
 * @example csi2dToyPulls(model, { toys: 50, seed: 1, thetaTrue: [0], thetaScale: [5e-8] }).signal.length // ≤ 50
 * Reference: module header.
 */
export function csi2dToyPulls(model: Csi2dModel, opts: ToyPullOptions): ToyPulls {
  const d = model.paramNames.length;
  if (d < 1) throw new Error('csi2dToyPulls: the model needs a free EM parameter');
  const K = model.nuisances.length;
  const iS = model.nuisances.findIndex((n) => n.effect === 'signal-normalisation');
  const n = d + K;
  const scale = Float64Array.from({ length: n }, (_, k) => (k < d ? opts.thetaScale[k]! : model.nuisances[k - d]!.width));
  const truth = Float64Array.from({ length: n }, (_, k) => (k < d ? opts.thetaTrue[k]! : model.nominalNuisances[k - d]!));
  const em = csi2dExperimentModel(model, model.id, { counts: model.observed, auxiliary: { AC: Float64Array.of(model.acTotal) }, kind: 'observed' });
  const rng = makeRng('emcee', opts.seed);
  const theta = new Float64Array(d);
  const nu = new Float64Array(K);
  const out: ToyPulls = { signal: [], theta: [], thetaLR: [], failed: 0 };
  for (let t = 0; t < opts.toys; t++) {
    const data = em.generate(truth.subarray(0, d), truth.subarray(d), rng);
    const ac = data.auxiliary!.AC![0]!;
    const f = (x: ArrayLike<number>): number => {
      for (let k = 0; k < d; k++) theta[k] = x[k]!;
      let pen = 0;
      for (let k = 0; k < K; k++) {
        nu[k] = x[d + k]!;
        if (k !== iS) pen += nuisancePenalty(model.nuisances[k]!.prior, nu[k]!);
      }
      if (!Number.isFinite(pen)) return Infinity;
      return model.minus2LogLFor(data.counts, ac, theta, nu) + pen;
    };
    const xs = new Float64Array(n);
    const fg = centralGradient(f, scale, n);
    const r = boxBfgs(fg, truth, { scale, gTol: 1e-6 });
    if (!r.converged || !Number.isFinite(r.fx)) {
      out.failed++;
      continue;
    }
    // Hessian of −2 ln L (+ penalties) by central differences in scaled coordinates
    const H = new Float64Array(n * n);
    const x0 = r.x;
    const hs = Float64Array.from(scale, (s) => 1e-2 * s);
    const at = (i: number, si: number, j: number, sj: number): number => {
      xs.set(x0);
      xs[i]! += si * hs[i]!;
      xs[j]! += sj * hs[j]!;
      return f(xs);
    };
    for (let i = 0; i < n; i++) {
      for (let j = i; j < n; j++) {
        const v = i === j ? (at(i, 1, i, 0) - 2 * r.fx + at(i, -1, i, 0)) / (hs[i]! * hs[i]!) : (at(i, 1, j, 1) - at(i, 1, j, -1) - at(i, -1, j, 1) + at(i, -1, j, -1)) / (4 * hs[i]! * hs[j]!);
        H[i * n + j] = v;
        H[j * n + i] = v;
      }
    }
    const C = invert(H, n);
    const varS = C ? 2 * C[(d + iS) * n + d + iS]! : NaN;
    const varT = C ? 2 * C[0]! : NaN;
    if (!(varS > 0) || !(varT > 0)) {
      out.failed++;
      continue;
    }
    // profile at θ0 = θ_true (the other EM parameters, if any, and every nuisance minimised)
    const free = n - 1;
    const xp = new Float64Array(n);
    const fp = (y: ArrayLike<number>): number => {
      xp[0] = truth[0]!;
      for (let k = 0; k < free; k++) xp[k + 1] = y[k]!;
      return f(xp);
    };
    const fgp = centralGradient(fp, scale.subarray(1), free);
    const start = x0.slice(1);
    const rp = boxBfgs(fgp, start, { scale: scale.subarray(1), gTol: 1e-6 });
    if (!rp.converged || !Number.isFinite(rp.fx)) {
      out.failed++;
      continue;
    }
    // the global fit is the minimum: a conditional fit can only be ≥ it (clip rounding at 0)
    const q = Math.max(0, Math.min(rp.fx, fp(start)) - r.fx);
    out.signal.push((x0[d + iS]! - truth[d + iS]!) / Math.sqrt(varS));
    out.theta.push((x0[0]! - truth[0]!) / Math.sqrt(varT));
    out.thetaLR.push(Math.sign(x0[0]! - truth[0]!) * Math.sqrt(q));
  }
  return out;
}
