/**
 * Benchmark section `forward` (issue 3): per-evaluation time of
 *   (a) the reference path `computeSpectrum` in `mode: 'direct'` (A's cross-section functions called
 *       at every integration node: direct numerical integration, issue 2 item 6), and, for
 *       comparison, its cached-plan mode (`mode: 'terms'`, parameter-independent integrals reused),
 *   (b) the fast path `ForwardModel.evaluate`,
 *   (c) a minimal hand-written loop doing the same arithmetic on the same coefficients
 *       (u = (θ − θ0)/s, monomials in locals, one written-out dot product per bin over the same
 *       structurally nonzero monomials the model stores; asserted), the practical limit,
 * for COHERENT CsI 2021 with {qee, qmumu} and ESS Ge with all five millicharges; plus the build
 * cost (`precompute_ms`, reference calls), the basis size (`basis_bytes`), the stored and full
 * monomial counts (`terms`, `full_terms`), and the largest
 * relative difference fast vs reference per bin over 200 seeded random points (`max_rel_diff`).
 * Method and results: docs/performance.md, "Forward model". The machine is shared, so each time
 * is the minimum over several repetitions of a timed block.
 */
import { buildForwardModel } from '../src/forward/buildForwardModel.js';
import type { ForwardModel } from '../src/forward/forwardModel.js';
import { loadExperiment } from '../src/experiments/loadExperiment.js';
import { emParams, type EmParameterName } from '../src/physics/parameters.js';
import { computeSpectrum } from '../src/physics/spectrum/computeSpectrum.js';
import type { Experiment } from '../src/physics/spectrum/experiment.js';

/** Deterministic uniform numbers in [0, 1) (bench inputs only; not the project RNG). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/**
 * Per-call time in ns of each body: blocks of `calls` calls, the bodies alternating block by
 * block (so load on the shared machine hits all of them alike), minimum over `reps` rounds.
 */
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

/**
 * Minimal loop for ESS Ge {qee, qmumu, qemu, qetau, qmutau}, written out by hand over the 8
 * structurally nonzero monomials the model stores (1, qee, qmumu, and the five squares; no cross
 * terms: the diagonal charges act on different flavours, the transition charges add squares only).
 */
function minimal5(C: Float64Array, c: Float64Array, inv: Float64Array, nBins: number, theta: Float64Array, out: Float64Array): void {
  const u0 = (theta[0] - c[0]) * inv[0];
  const u1 = (theta[1] - c[1]) * inv[1];
  const u2 = (theta[2] - c[2]) * inv[2];
  const u3 = (theta[3] - c[3]) * inv[3];
  const u4 = (theta[4] - c[4]) * inv[4];
  const s0 = u0 * u0, s1 = u1 * u1, s2 = u2 * u2, s3 = u3 * u3, s4 = u4 * u4;
  for (let b = 0, o = 0; b < nBins; b++, o += 8) {
    out[b] = C[o] + u0 * C[o + 1] + u1 * C[o + 2] + s0 * C[o + 3] + s1 * C[o + 4] + s2 * C[o + 5] + s3 * C[o + 6] + s4 * C[o + 7];
  }
}

/** Minimal loop for COHERENT {qee, qmumu}, fully unrolled over the 5 stored monomials (1, qee, qmumu, qee², qmumu²). */
function minimal2(C: Float64Array, c0: number, c1: number, i0: number, i1: number, nBins: number, theta: Float64Array, out: Float64Array): void {
  const u0 = (theta[0] - c0) * i0;
  const u1 = (theta[1] - c1) * i1;
  const a = u0 * u0;
  const bq = u1 * u1;
  for (let b = 0, o = 0; b < nBins; b++, o += 5) out[b] = C[o] + u0 * C[o + 1] + u1 * C[o + 2] + a * C[o + 3] + bq * C[o + 4];
}

/** Monomials the hand-written loops assume, per number of parameters (checked against the model). */
const MINIMAL_TERMS: Record<number, string[]> = {
  2: ['1', 'qee', 'qmumu', 'qee^2', 'qmumu^2'],
  5: ['1', 'qee', 'qmumu', 'qee^2', 'qmumu^2', 'qemu^2', 'qetau^2', 'qmutau^2'],
};

async function benchCase(exp: Experiment, names: EmParameterName[], range: number[], seed: number): Promise<Record<string, unknown>> {
  const fm: ForwardModel = buildForwardModel(exp, names);
  const d = names.length;
  const nBins = fm.nBins;
  const rnd = lcg(seed);
  const nPoints = 200;
  const thetas = Float64Array.from({ length: nPoints * d }, (_, i) => fm.center[i % d] + (2 * rnd() - 1) * range[i % d]);

  // Accuracy at 200 points (this also warms up the reference path).
  const out = new Float64Array(nBins);
  const base = emParams();
  const points = Array.from({ length: nPoints }, (_, i) => {
    const p = { ...base };
    for (let k = 0; k < d; k++) p[names[k]] = thetas[i * d + k];
    return p;
  });
  let maxRel = 0;
  let maxAbs = 0;
  for (let i = 0; i < nPoints; i++) {
    const ref = computeSpectrum(exp, points[i]).expected;
    fm.evaluate(thetas.subarray(i * d, i * d + d), out);
    for (let b = 0; b < nBins; b++) {
      const diff = Math.abs(out[b] - ref[b]);
      maxAbs = Math.max(maxAbs, diff);
      if (ref[b] !== 0) maxRel = Math.max(maxRel, diff / Math.abs(ref[b]));
    }
  }

  // Timing: reference, fast and minimal on the same cycling points; a checksum keeps the work observable.
  const views = Array.from({ length: nPoints }, (_, i) => thetas.subarray(i * d, i * d + d));
  let sink = 0;
  const C = fm.totalCoefficients;
  const invScale = fm.scale.map((s) => 1 / s);
  const [c0, c1] = fm.center;
  const [i0, i1] = invScale;
  if (d !== 2 && d !== 5) throw new Error(`bench/forward: no hand-written minimal loop for d = ${d}`);
  if (fm.termLabels.join() !== MINIMAL_TERMS[d].join()) {
    throw new Error(`bench/forward: the model stores [${fm.termLabels.join(', ')}] but the minimal loop assumes [${MINIMAL_TERMS[d].join(', ')}]`);
  }
  const minimal =
    d === 2
      ? (i: number) => {
          minimal2(C, c0, c1, i0, i1, nBins, views[i % nPoints], out);
          sink += out[0];
        }
      : (i: number) => {
          minimal5(C, fm.center, invScale, nBins, views[i % nPoints], out);
          sink += out[0];
        };
  const refTimes = timeInterleaved(3, 5, {
    reference: (i) => {
      sink += computeSpectrum(exp, points[i % nPoints], { mode: 'direct' }).expected[0];
    },
  });
  const reference_ns = refTimes.reference;
  const reference_plan_ns = timeInterleaved(5, 20, {
    plan: (i) => {
      sink += computeSpectrum(exp, points[i % nPoints]).expected[0];
    },
  }).plan;
  const t = timeInterleaved(9, 100_000, {
    fast: (i) => {
      fm.evaluate(views[i % nPoints], out);
      sink += out[0];
    },
    minimal,
  });
  const fast_ns = t.fast;
  const minimal_ns = t.minimal;
  return {
    experiment: exp.id,
    params: names,
    channels: exp.channels,
    bins: nBins,
    terms: fm.nTerms,
    full_terms: fm.fullTerms,
    reference_ns: Math.round(reference_ns),
    fast_ns: Number(fast_ns.toFixed(1)),
    minimal_ns: Number(minimal_ns.toFixed(1)),
    reference_plan_ns: Math.round(reference_plan_ns),
    speedup_vs_reference: Math.round(reference_ns / fast_ns),
    speedup_vs_reference_plan: Math.round(reference_plan_ns / fast_ns),
    fast_over_minimal: Number((fast_ns / minimal_ns).toFixed(2)),
    max_rel_diff: maxRel,
    max_abs_diff: maxAbs,
    precompute_ms: Number(fm.precompute_ms.toFixed(1)),
    reference_calls: fm.referenceEvaluations,
    basis_bytes: fm.basisBytes,
    checksum: sink === 0 ? 0 : 1,
  };
}

/** Runs both cases of the issue-3 benchmark. */
export async function run(): Promise<Record<string, unknown>> {
  const coherent = await benchCase(loadExperiment('coherent-csi-2021'), ['qee', 'qmumu'], [1e-6, 1e-6], 1);
  const essGe = await benchCase(loadExperiment('ess-ge'), ['qee', 'qmumu', 'qemu', 'qetau', 'qmutau'], [1e-6, 1e-6, 1e-6, 1e-6, 1e-6], 2);
  return {
    method: 'per-call ns, minimum over rounds of block means; fast and minimal alternate in 9 rounds of 100000 calls; reference_ns = direct integration (mode direct), 3 blocks of 5 calls; reference_plan_ns = cached-plan mode, 5 blocks of 20 calls; max_rel_diff over 200 seeded points (docs/performance.md)',
    coherent_csi_qee_qmumu: coherent,
    ess_ge_five_millicharges: essGe,
  };
}
