/**
 * Benchmark section `csi2d` (issue 10): one log-likelihood evaluation of the COHERENT CsI 2021
 * PE × time model (9 × 11 bins, Poisson, {qee, qmumu} free, all nine nuisances free and away from
 * their nominal values) through
 *   (a) `Csi2dModel.minus2LogL` (the model's fused kernel),
 *   (b) `ExperimentModel.logLikelihood` (the interface the sampler and the profiles call),
 *   (c) a minimal hand-written loop doing the same arithmetic on the same precomputed arrays:
 *       u and the 5 monomials in locals, the 7 morph components × 5 monomials per (group, PE bin),
 *       the four shift-table interpolations written out (cubic, cubic, linear, linear), the μ_ij
 *       sum and the Poisson log terms (skipped where n = 0) in one pass; its value is asserted equal to (a),
 * plus the time of the 100 logarithms alone (machine calibration) and the build time of the model. Times are minima over interleaved repetitions (shared machine).
 * Results: docs/performance.md, "COHERENT CsI 2-D likelihood".
 */
import { loadCsi2d } from '../src/experimentTypes/coherentCsi2d/load.js';
import { buildCsi2dModel, type Csi2dInternals } from '../src/experimentTypes/coherentCsi2d/model.js';
import { csi2dExperimentModel } from '../src/experimentTypes/coherentCsi2d/index.js';

function timeInterleaved(reps: number, calls: number, bodies: Record<string, (i: number) => number>): Record<string, number> {
  const best: Record<string, number> = {};
  let sink = 0;
  for (let r = 0; r < reps; r++) {
    for (const [name, body] of Object.entries(bodies)) {
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < calls; i++) sink += body(i);
      best[name] = Math.min(best[name] ?? Infinity, Number(process.hrtime.bigint() - t0) / calls);
    }
  }
  if (!Number.isFinite(sink)) throw new Error('bench csi2d: non-finite sink');
  return best;
}

/** Cubic (4-point Lagrange) or linear interpolation of a uniform table, written out. */
function interp(t: Csi2dInternals['tables']['prompt'], x0: number, out: Float64Array): void {
  const n = t.nBins;
  const v = t.values;
  let x = (x0 - t.start_us) / t.step_us;
  if (!(x > 0)) x = 0;
  else if (x > t.points - 1) x = t.points - 1;
  if (t.order === 'linear') {
    let k = Math.floor(x);
    if (k > t.points - 2) k = t.points - 2;
    const f = x - k;
    for (let i = 0, a = k * n; i < n; i++) out[i] = v[a + i]! + f * (v[a + n + i]! - v[a + i]!);
    return;
  }
  let k = Math.floor(x) - 1;
  if (k < 0) k = 0;
  else if (k > t.points - 4) k = t.points - 4;
  const p = x - k;
  const w0 = (-(p - 1) * (p - 2) * (p - 3)) / 6;
  const w1 = (p * (p - 2) * (p - 3)) / 2;
  const w2 = (-p * (p - 1) * (p - 3)) / 2;
  const w3 = (p * (p - 1) * (p - 2)) / 6;
  for (let i = 0, r = k * n; i < n; i++) out[i] = w0 * v[r + i]! + w1 * v[r + n + i]! + w2 * v[r + 2 * n + i]! + w3 * v[r + 3 * n + i]!;
}

const g2 = (a: number): number => (Math.abs(a) <= 1 ? a * a : 2 * Math.abs(a) - 1);

/** The minimal loop (see module doc); nuisance order as in the model file. */
function minimalLoop(I: Csi2dInternals, C: Float64Array, nPE: number, nT: number, acTotal: number, theta: Float64Array, nu: Float64Array, tp: Float64Array, td: Float64Array, tb: Float64Array, tn: Float64Array, sPE: Float64Array): number {
  const ix = I.index;
  const u0 = (theta[0]! - I.center[0]!) / I.scale[0]!;
  const u1 = (theta[1]! - I.center[1]!) / I.scale[1]!;
  const m1 = u0, m2 = u1, m3 = u0 * u0, m4 = u1 * u1;
  const a0 = nu[ix['quenching-model0']]!, a1 = nu[ix['quenching-model1']]!, ae = nu[ix.efficiency]!;
  const c1 = a0, c2 = g2(a0), c3 = a1, c4 = g2(a1), c5 = ae, c6 = g2(ae);
  const fs = 1 + nu[ix['signal-normalisation']]!;
  const X = I.byGroup;
  for (let gi = 0, o = 0; gi < 2 * nPE; gi++, o += 35) {
    const d = (k: number): number => {
      const q = o + 5 * k;
      return X[q]! + m1 * X[q + 1]! + m2 * X[q + 2]! + m3 * X[q + 3]! + m4 * X[q + 4]!;
    };
    sPE[gi] = fs * (d(0) + c1 * d(1) + c2 * d(2) + c3 * d(3) + c4 * d(4) + c5 * d(5) + c6 * d(6));
  }
  const dt = nu[ix['timing-offset']]!;
  interp(I.tables.prompt, dt, tp);
  interp(I.tables.delayed, dt, td);
  interp(I.tables.nin, dt, tn);
  interp(I.tables.brn, nu[ix['brn-timing']]!, tb);
  const kb = 1 + nu[ix['brn-normalisation']]!;
  const kn = 1 + nu[ix['nin-normalisation']]!;
  const kss = acTotal * (1 + nu[ix['ss-normalisation']]!);
  let s = 0;
  for (let i = 0; i < nPE; i++) {
    const sp = sPE[i]!, sd = sPE[nPE + i]!, bi = kb * I.brnPE[i]!, ni = kn * I.ninPE[i]!;
    for (let j = 0, r = i * nT; j < nT; j++) {
      const x = sp * tp[j]! + sd * td[j]! + bi * tb[j]! + ni * tn[j]! + kss * I.ss[r + j]!;
      const n = C[r + j]!;
      s += n > 0 ? x - n * Math.log(x) : x;
    }
  }
  s += kss - acTotal * Math.log(kss);
  return 2 * (s + I.constants.c + I.constants.ac);
}

/**
 * Runs the section.
 * @returns per-evaluation times (ns), their ratios and the build time (ms)
 */
export async function run(): Promise<Record<string, unknown>> {
  const inp = loadCsi2d('coherent-csi-2021-2d');
  const t0 = performance.now();
  const model = buildCsi2dModel(inp, ['qee', 'qmumu'], { s2w: 0.23857 });
  const build_ms = performance.now() - t0;
  const I = model.internals;
  if (I.terms.length !== 5) throw new Error(`bench csi2d: the minimal loop assumes 5 monomials, the model has ${I.terms.length}`);
  const em = csi2dExperimentModel(model, inp.title, { counts: model.observed, auxiliary: { AC: Float64Array.of(model.acTotal) }, kind: 'observed' });
  const theta = Float64Array.of(1e-7, -3e-8);
  const nu = Float64Array.from(model.nuisances, (_, k) => 0.05 * (((k * 7) % 5) - 2)); // all nine off nominal
  const scratch = [new Float64Array(model.nT), new Float64Array(model.nT), new Float64Array(model.nT), new Float64Array(model.nT), new Float64Array(2 * model.nPE)] as const;
  const ref = model.minus2LogL(theta, nu);
  const mini = minimalLoop(I, model.observed, model.nPE, model.nT, model.acTotal, theta, nu, ...scratch);
  if (!(Math.abs(mini - ref) <= 1e-9 * Math.abs(ref))) throw new Error(`bench csi2d: minimal loop ${mini} differs from the model ${ref}`);
  const th = new Float64Array(2);
  const bodies = {
    model: (i: number) => {
      th[0] = theta[0]! + 1e-12 * (i & 7);
      th[1] = theta[1]!;
      return model.minus2LogL(th, nu);
    },
    interface: (i: number) => {
      th[0] = theta[0]! + 1e-12 * (i & 7);
      th[1] = theta[1]!;
      return em.logLikelihood(th, nu);
    },
    // calibration of the (shared) machine: just the 100 logarithms one evaluation needs
    logs_only: (i: number) => {
      let a = 0;
      for (let b = 0; b < 100; b++) a += Math.log(50.5 + b + 1e-9 * i);
      return a;
    },
    minimal: (i: number) => {
      th[0] = theta[0]! + 1e-12 * (i & 7);
      th[1] = theta[1]!;
      return minimalLoop(I, model.observed, model.nPE, model.nT, model.acTotal, th, nu, ...scratch);
    },
  };
  timeInterleaved(2, 20000, bodies); // warm-up
  const ns = timeInterleaved(9, 50000, bodies);
  return {
    bins: model.nBins,
    nuisances: model.nuisances.length,
    free_em: model.paramNames,
    monomials: I.terms.length,
    build_ms: Math.round(build_ms),
    ns_per_eval: { model: Math.round(ns.model!), interface: Math.round(ns.interface!), minimal: Math.round(ns.minimal!), logs_only: Math.round(ns.logs_only!) },
    ratio_model_over_minimal: +(ns.model! / ns.minimal!).toFixed(2),
    ratio_interface_over_minimal: +(ns.interface! / ns.minimal!).toFixed(2),
  };
}
