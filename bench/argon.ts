/**
 * Argon (COHERENT CENNS-10 2020) likelihood speed: one `logLikelihood(θ, ν)` of the argon model
 * with free (qee, qmumu) and all 13 nuisances, against a hand-written minimal loop that does the
 * same arithmetic on the same precomputed arrays (signal kernel over the 240 stacked rows with
 * the 5 stored monomials, the quenching combination, cubic time interpolation, F90 morph, 3-D
 * assembly, three BRN morphs, backgrounds, Poisson sum). Both are timed interleaved in one run
 * (docs/performance.md, "Argon likelihood"); the two results are checked to agree to 1e-9.
 */
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { argonNuisances, buildArgonModel, type ArgonModel } from '../src/experiments/coherentLar2020/argonModel.js';
import { readLarRelease } from '../src/experiments/coherentLar2020/release.js';
import { PACKAGE_ROOT } from '../src/provenance.js';

/** Deterministic uniform numbers in [0, 1) (bench inputs only; not the project RNG). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/** Per-call ns of each body: blocks alternate, minimum over rounds of block means. */
function timeInterleaved(reps: number, calls: number, bodies: Record<string, (i: number) => void>): Record<string, number> {
  const best: Record<string, number> = {};
  for (let r = 0; r < reps; r++) {
    for (const [name, body] of Object.entries(bodies)) {
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < calls; i++) body(i);
      best[name] = Math.min(best[name] ?? Infinity, Number(process.hrtime.bigint() - t0) / calls);
    }
  }
  return best;
}

/** The minimal loop: the model's arithmetic written out once, by hand, for (qee, qmumu) and the 13 nuisances in `argonNuisances` order. */
function minimalLogL(model: ArgonModel): (theta: Float64Array, nu: Float64Array) => number {
  const fw = model.signal!.forward;
  if (fw.termLabels.join(',') !== '1,qee,qmumu,qee^2,qmumu^2') throw new Error(`bench argon: unexpected terms ${fw.termLabels.join(',')}`);
  const C = fw.totalCoefficients;
  const c0 = fw.center[0]!;
  const c1 = fw.center[1]!;
  const i0 = 1 / fw.scale[0]!;
  const i1 = 1 / fw.scale[1]!;
  const { a0, sa, b0, sb } = model.signal!.qf;
  const K = model.kernelData;
  const n = model.data;
  const rows = new Float64Array(240);
  const pr = new Float64Array(12);
  const de = new Float64Array(12);
  const P = new Float64Array(10);
  const D = new Float64Array(10);
  const T = new Float64Array(10);
  const fm = new Float64Array(96);
  const mu = new Float64Array(960);
  const w = new Float64Array(10);
  const pv = K.promptTable.values;
  const dv = K.delayedTable.values;
  const [m0, m1, m2] = K.brnMorphs as [typeof K.f90Morph, typeof K.f90Morph, typeof K.f90Morph];
  const code4p = (a: number, t: typeof K.f90Morph, out: { f: Float64Array; w1: number; w2: number }): void => {
    if (a > 1) {
      out.f = t.up;
      out.w1 = a;
      out.w2 = 0;
    } else if (a < -1) {
      out.f = t.down;
      out.w1 = a;
      out.w2 = 0;
    } else {
      const a2 = a * a;
      out.f = t.s;
      out.w1 = a;
      out.w2 = a2 * (15 + a2 * (-10 + 3 * a2));
    }
  };
  const W0 = { f: m0.s, w1: 0, w2: 0 };
  const W1 = { f: m0.s, w1: 0, w2: 0 };
  const W2 = { f: m0.s, w1: 0, w2: 0 };
  const WF = { f: m0.s, w1: 0, w2: 0 };
  return (theta, nu) => {
    // signal kernel: 240 rows × 5 monomials
    const u0 = (theta[0]! - c0) * i0;
    const u1 = (theta[1]! - c1) * i1;
    const s0 = u0 * u0;
    const s1 = u1 * u1;
    for (let r = 0, c = 0; r < 240; r++, c += 5) rows[r] = C[c]! + u0 * C[c + 1]! + u1 * C[c + 2]! + s0 * C[c + 3]! + s1 * C[c + 4]!;
    // quenching monomials
    const ua = (nu[3]! - a0) / sa;
    const ub = (nu[4]! - b0) / sb;
    w[0] = 1;
    w[1] = ua;
    w[2] = ua * ua;
    w[3] = w[2]! * ua;
    w[4] = w[2]! * w[2]!;
    w[5] = ub;
    w[6] = ub * ub;
    w[7] = w[6]! * ub;
    w[8] = w[6]! * w[6]!;
    w[9] = ua * ub;
    for (let i = 0; i < 12; i++) {
      let p = 0;
      let d = 0;
      for (let m = 0; m < 10; m++) {
        p += w[m]! * rows[m * 12 + i]!;
        d += w[m]! * rows[120 + m * 12 + i]!;
      }
      pr[i] = p;
      de[i] = d;
    }
    // time: cubic interpolation in the shift tables
    const x = Math.min(Math.max((nu[5]! - K.promptTable.start_us) / K.promptTable.step_us, 0), K.promptTable.points - 1);
    const k = Math.min(Math.max(Math.floor(x) - 1, 0), K.promptTable.points - 4);
    const q = x - k;
    const q0 = (-(q - 1) * (q - 2) * (q - 3)) / 6;
    const q1 = (q * (q - 2) * (q - 3)) / 2;
    const q2 = (-q * (q - 1) * (q - 3)) / 2;
    const q3 = (q * (q - 1) * (q - 2)) / 6;
    const r0 = k * 10;
    for (let t = 0; t < 10; t++) {
      P[t] = q0 * pv[r0 + t]! + q1 * pv[r0 + 10 + t]! + q2 * pv[r0 + 20 + t]! + q3 * pv[r0 + 30 + t]!;
      D[t] = q0 * dv[r0 + t]! + q1 * dv[r0 + 10 + t]! + q2 * dv[r0 + 20 + t]! + q3 * dv[r0 + 30 + t]!;
    }
    // F90 morph
    code4p(nu[6]!, K.f90Morph, WF);
    for (let j = 0; j < 96; j++) {
      const f = 1 + WF.w1 * WF.f[j]! + WF.w2 * K.f90Morph.a[j]!;
      fm[j] = f > 0 ? K.f90[j]! * f : 0;
    }
    // 3-D CEvNS
    const norm = (1 + nu[0]!) * (1 + nu[1]!) * (1 + nu[2]!);
    for (let i = 0; i < 12; i++) {
      const sp = norm * pr[i]!;
      const sd = norm * de[i]!;
      for (let t = 0; t < 10; t++) T[t] = sp * P[t]! + sd * D[t]!;
      for (let f = 0; f < 8; f++) {
        const F = fm[i * 8 + f]!;
        const o = (i * 8 + f) * 10;
        for (let t = 0; t < 10; t++) mu[o + t] = F * T[t]!;
      }
    }
    // backgrounds
    const nB = nu[7]!;
    const nD = nu[8]!;
    const nS = nu[9]!;
    for (let b = 0; b < 960; b++) mu[b]! += nS * K.steadyState[b]! + nD * K.brnDelayed[b]!;
    code4p(nu[10]!, m0, W0);
    code4p(nu[11]!, m1, W1);
    code4p(nu[12]!, m2, W2);
    for (let j = 0; j < K.brnBins.length; j++) {
      const b = K.brnBins[j]!;
      const v = K.brn[b]! + W0.w1 * W0.f[b]! + W0.w2 * m0.a[b]! + W1.w1 * W1.f[b]! + W1.w2 * m1.a[b]! + W2.w1 * W2.f[b]! + W2.w2 * m2.a[b]!;
      if (v > 0) mu[b]! += nB * v;
    }
    // Poisson
    let s = 0;
    for (let b = 0; b < 960; b++) s += mu[b]!;
    const ob = K.observedBins;
    for (let j = 0; j < ob.length; j++) s -= n[ob[j]!]! * Math.log(mu[ob[j]!]!);
    return -(s + K.constant);
  };
}

/**
 * Runs the argon benchmark.
 * @returns per-call ns of the model and of the minimal loop, their ratio, and the agreement
 */
export async function run(): Promise<Record<string, unknown>> {
  const rel = readLarRelease(resolve(PACKAGE_ROOT, 'models/data/coherent-lar-2020'));
  const nuis = argonNuisances(rel, 0.08);
  const model = buildArgonModel(rel, { nuisances: nuis, physicsNames: ['qee', 'qmumu'] });
  const minimal = minimalLogL(model);
  const rnd = lcg(7);
  const N = 256;
  const thetas = Array.from({ length: N }, () => Float64Array.of((rnd() - 0.5) * 6e-7, (rnd() - 0.5) * 6e-7));
  const nus = Array.from({ length: N }, () => Float64Array.from(nuis, (d) => d.nominal + (rnd() - 0.5) * 3 * d.width));
  let maxRel = 0;
  for (let i = 0; i < N; i++) {
    const a = model.logLikelihood(thetas[i]!, nus[i]!);
    const b = minimal(thetas[i]!, nus[i]!);
    maxRel = Math.max(maxRel, Math.abs(a - b) / Math.max(1, Math.abs(a)));
  }
  if (!(maxRel < 1e-9)) throw new Error(`bench argon: model and minimal loop disagree (${maxRel})`);
  let sink = 0;
  const grad = new Float64Array(nuis.length);
  // machine-state probe: 807 logarithms (one per bin with data), the floor of any Poisson ln L here
  const logs = Float64Array.from({ length: 807 }, (_, i) => 1 + i * 0.37);
  const load0 = loadavg();
  const t = timeInterleaved(9, 20000, {
    model: (i) => (sink += model.logLikelihood(thetas[i & (N - 1)]!, nus[i & (N - 1)]!)),
    minimal: (i) => (sink += minimal(thetas[i & (N - 1)]!, nus[i & (N - 1)]!)),
    gradient: (i) => (sink += model.logLikelihoodGradient(thetas[i & (N - 1)]!, nus[i & (N - 1)]!, grad)),
    logs807: (i) => {
      let a = 0;
      const o = (i & 7) * 1e-3;
      for (let k = 0; k < 807; k++) a += Math.log(logs[k]! + o);
      sink += a;
    },
  });
  const load1 = loadavg();
  return {
    method: 'per-call ns of logLikelihood(θ, ν) with free (qee, qmumu) and 13 nuisances; model, minimal loop, analytic gradient and a bare loop of 807 Math.log alternate in 9 rounds of 20000 calls over 256 seeded points; minimum of block means; load averages (1, 5, 15 min) before and after',
    load_before: load0.map((x) => Number(x.toFixed(2))),
    load_after: load1.map((x) => Number(x.toFixed(2))),
    model_ns: Math.round(t.model!),
    minimal_ns: Math.round(t.minimal!),
    gradient_ns: Math.round(t.gradient!),
    logs807_ns: Math.round(t.logs807!),
    model_over_minimal: Number((t.model! / t.minimal!).toFixed(3)),
    gradient_over_model: Number((t.gradient! / t.model!).toFixed(3)),
    max_rel_diff: maxRel,
    sink: Number.isFinite(sink),
  };
}
