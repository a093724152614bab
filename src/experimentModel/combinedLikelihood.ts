/**
 * Several experiments in one likelihood: the EM parameters θ are common to all of them; the
 * nuisances are per experiment unless several experiments' nuisances are merged into one shared
 * parameter (e.g. the SNS flux normalisation of CsI and argon). The global nuisance vector ν lists
 * each combined parameter once; each experiment reads its own entries from it.
 *
 *   ln L(θ, ν) = Σ_k ln L_k(θ, ν_[k]),   χ²(θ, ν) = −2 ln L + Σ_p P_p(ν_p)
 *
 * with P the prior penalty of `nuisancePenalty` (each shared parameter counted once). The profile
 * min_ν χ² splits into independent groups of experiments (connected through shared parameters): a
 * lone experiment with an exact `profileNuisances` keeps it (Khan's χ²: a 2 × 2 solve); every other
 * group is minimised by bounded BFGS (`src/numerics/boxBfgs.ts`) with the analytic gradient when
 * every member provides `logLikelihoodGradient`, else central finite differences, started at
 * the nominal values (so a profile never depends on the order of earlier calls). With
 * `{ warmStart: true }` each group's fit starts instead at that group's minimiser of the previous
 * `profile` call, with that fit's final BFGS inverse Hessian as the start metric (a profile scan
 * visits neighbouring θ one after the other, so the previous minimiser is close and the curvature
 * nearly the same). The nuisance χ² can have several local minima (the argon pulse shift: a scan
 * that starts far from the best fit can drag a warm start along a wrong branch), so when the warm
 * fit fails or ends with any nuisance more than {@link WARM_SUSPECT_PULL} widths from its nominal
 * value, a second fit starts at the nominal values (identity metric, as without warm starts) and
 * the lower minimum is kept. Tested in test/experiments/coherentCombined/csiArgonShared.test.ts
 * (never above the nominal-start profile along a qee scan). The result depends on the call order
 * only through the warm fit, i.e. where it finds a different minimum than the nominal start.
 * @module
 */
import type { EmParameterName } from '../physics/parameters.js';
import type { Prior } from '../sampler/priors.js';
import { boxBfgs } from '../numerics/boxBfgs.js';
import { nuisancePenalty, nuisancePenaltyDerivative, priorBounds } from './nuisancePenalty.js';
import type { ExperimentModel } from './types.js';

/** One parameter of the global nuisance vector. */
export interface CombinedNuisance {
  /** Global name (`alpha`, `flux.coherent-csi-2021-et`, `sns-flux`). */
  readonly name: string;
  /** Prior (sampling) and penalty (profile). */
  readonly prior: Prior;
  /** Start value of fits. */
  readonly nominal: number;
  /** Typical 1σ scale. */
  readonly width: number;
  /** Which experiments read it: model index and the index in that model's `nuisances`. */
  readonly members: readonly { readonly model: number; readonly local: number }[];
}

/** One global nuisance held at a value in {@link CombinedLikelihood.profile}. */
export interface NuisanceFix {
  /** Index into the global nuisances. */
  readonly index: number;
  /** The value it is held at (its own units). */
  readonly value: number;
}

/** The profile of one experiment inside a combined profile. */
export interface ModelProfile {
  /** −2 ln L_k at the minimum plus the penalties of the parameters first owned by this experiment. */
  readonly chi2: number;
  /** −2 ln L_k at the minimum. */
  readonly dataChi2: number;
  /** The experiment's own ν at the minimum (its `nuisances` order). */
  readonly nu: Float64Array;
}

/** Result of {@link CombinedLikelihood.profile}. */
export interface CombinedProfile {
  /** min over ν of χ²(θ, ν). */
  readonly chi2: number;
  /** The minimising global ν. */
  readonly nu: Float64Array;
  /** Per experiment. */
  readonly perModel: readonly ModelProfile[];
}

/** The combined likelihood (see module doc). */
export interface CombinedLikelihood {
  /** The experiments. */
  readonly models: readonly ExperimentModel[];
  /** Free EM parameters (θ order, common to every model). */
  readonly physicsNames: readonly EmParameterName[];
  /** The global nuisances (ν order). */
  readonly nuisances: readonly CombinedNuisance[];
  /**
   * The experiment's own ν taken from a global ν (a buffer reused between calls).
   * @param k - model index
   * @param nu - global ν
   */
  localNu(k: number, nu: ArrayLike<number>): Float64Array;
  /** Σ_k ln L_k(θ, ν_[k]). */
  logLikelihood(theta: ArrayLike<number>, nu: ArrayLike<number>): number;
  /** −2 ln L + Σ penalties. */
  chi2(theta: ArrayLike<number>, nu: ArrayLike<number>): number;
  /**
   * min over ν of {@link chi2}, with the minimiser. With `fix`, global nuisance `fix.index` is held
   * at `fix.value` (its penalty still counted) and the others are minimised: the profile in a
   * nuisance of interest (an SM fit of a normalisation). A group that holds a fixed nuisance is
   * always fitted by bounded BFGS from the nominal values (no exact profile, no warm start).
   */
  profile(theta: ArrayLike<number>, fix?: NuisanceFix): CombinedProfile;
  /** The same model list with other experiments (e.g. after `withData`); parameters unchanged. */
  withModels(models: readonly ExperimentModel[]): CombinedLikelihood;
  /** Model nuisances held at fixed values (options.pinned; empty when none). */
  readonly pinned: readonly PinnedNuisance[];
  /**
   * Forgets the warm-start state (every group's last minimiser and metric), so the next
   * {@link profile} call starts from the nominal values as the first call did. A sequence of calls
   * that begins with a reset gives the same results whatever was computed before it, in this or in
   * another instance built from the same model (what lets the profiles of a run be computed in
   * worker threads bit-identically; src/profile/profileTasks.ts). No effect without warm starts.
   */
  resetWarmStart(): void;
  /**
   * A copy of the warm-start state (plain data, survives structured cloning), to continue in
   * another instance built from the same model with {@link setWarmStartState} exactly where this
   * one stands.
   */
  warmStartState(): WarmStartState;
  /**
   * Replaces the warm-start state by a copy of one taken with {@link warmStartState} from an
   * instance of the same model.
   * @param state - the state
   * @throws RangeError when it has another number of nuisance groups
   */
  setWarmStartState(state: WarmStartState): void;
}

/** The warm-start state of a {@link CombinedLikelihood}: per nuisance group, the last converged minimiser and its BFGS inverse Hessian (null: none). */
export interface WarmStartState {
  readonly x: ReadonlyArray<Float64Array | null>;
  readonly h: ReadonlyArray<Float64Array | null>;
}

function groupsOf(nModels: number, nuisances: readonly CombinedNuisance[]): number[][] {
  const parent = Array.from({ length: nModels }, (_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  for (const p of nuisances) for (const m of p.members.slice(1)) parent[find(m.model)] = find(p.members[0]!.model);
  const byRoot = new Map<number, number[]>();
  for (let k = 0; k < nModels; k++) {
    const r = find(k);
    if (!byRoot.has(r)) byRoot.set(r, []);
    byRoot.get(r)!.push(k);
  }
  return [...byRoot.values()].sort((a, b) => a[0]! - b[0]!);
}

/** Warm-started profiles are refitted from the nominal values when a nuisance ends farther than this many widths from its nominal value. */
export const WARM_SUSPECT_PULL = 2.5;

/** A model nuisance held at a value by the analysis (`fixed:` in its parameters entry): not a parameter. */
export interface PinnedNuisance {
  /** Model index. */
  readonly model: number;
  /** Index in that model's `nuisances`. */
  readonly local: number;
  /** The value it is held at (its own units). */
  readonly value: number;
}

/** Options of {@link combineModels}. */
export interface CombineOptions {
  /** Start each BFGS profile at the previous call's minimiser of the group (default false: at the nominal values). */
  readonly warmStart?: boolean;
  /**
   * Model nuisances held at fixed values (not sampled, not profiled; e.g. the argon mass and
   * rest-of-rate normalisations when an SM fit frees the CEvNS normalisation). A model with a pinned
   * nuisance is profiled by bounded BFGS (its exact `profileNuisances` would move the pinned one).
   */
  readonly pinned?: readonly PinnedNuisance[];
}

/**
 * Combines experiments (see module doc).
 * @param models - the experiments; all must have the same `physicsNames`
 * @param nuisances - the global nuisances; every free nuisance of every model must be a member of exactly one
 * @param options - `warmStart` (see module doc)
 * @returns the combined likelihood
 * @throws Error when the θ names differ or a model nuisance is not covered exactly once
 */
export function combineModels(models: readonly ExperimentModel[], nuisances: readonly CombinedNuisance[], options: CombineOptions = {}): CombinedLikelihood {
  if (models.length === 0) throw new Error('combineModels: no experiments');
  const physicsNames = models[0]!.physicsNames;
  for (const m of models) {
    if (m.physicsNames.join(',') !== physicsNames.join(',')) throw new Error(`experiment ${m.id} has parameters [${m.physicsNames.join(', ')}], expected [${physicsNames.join(', ')}]`);
  }
  // map (model, local) → global index
  const globalOf = models.map((m) => new Int32Array(m.nuisances.length).fill(-1));
  nuisances.forEach((p, g) => {
    for (const { model, local } of p.members) {
      const row = globalOf[model];
      if (!row || local < 0 || local >= row.length) throw new Error(`nuisance ${p.name}: no nuisance ${local} in experiment ${model}`);
      if (row[local] !== -1) throw new Error(`nuisance ${models[model]!.nuisances[local]!.name} of ${models[model]!.id} belongs to two parameters`);
      row[local] = g;
    }
  });
  const pinned = options.pinned ?? [];
  const buffers = models.map((m) => new Float64Array(m.nuisances.length));
  // pinned nuisances: their value stays in the model's buffer, their global index is −2
  for (const q of pinned) {
    const row = globalOf[q.model];
    if (!row || q.local < 0 || q.local >= row.length) throw new Error(`pinned nuisance: no nuisance ${q.local} in experiment ${q.model}`);
    if (row[q.local] !== -1) throw new Error(`nuisance ${models[q.model]!.nuisances[q.local]!.name} of ${models[q.model]!.id} is both pinned and a parameter`);
    row[q.local] = -2;
    buffers[q.model]![q.local] = q.value;
  }
  globalOf.forEach((row, k) =>
    row.forEach((g, j) => {
      if (g === -1) throw new Error(`nuisance ${models[k]!.nuisances[j]!.name} of ${models[k]!.id} is not a parameter of the combination`);
    }),
  );
  const hasPinned = models.map((_, k) => pinned.some((q) => q.model === k));
  // the free entries of a model with pinned nuisances: (local index, global index) pairs
  const freeOf = globalOf.map((row) => Int32Array.from(row.map((g, j) => (g >= 0 ? j : -1)).filter((j) => j >= 0)));
  const owner = nuisances.map((p) => p.members[0]?.model ?? -1);
  const localNu = (k: number, nu: ArrayLike<number>): Float64Array => {
    const b = buffers[k]!;
    const row = globalOf[k]!;
    if (hasPinned[k]) {
      const free = freeOf[k]!;
      for (let i = 0; i < free.length; i++) b[free[i]!] = nu[row[free[i]!]!]!;
      return b;
    }
    for (let j = 0; j < row.length; j++) b[j] = nu[row[j]!]!;
    return b;
  };
  const penalties = (nu: ArrayLike<number>, params: readonly number[]): number => {
    let s = 0;
    for (const g of params) s += nuisancePenalty(nuisances[g]!.prior, nu[g]!);
    return s;
  };
  const groups = groupsOf(models.length, nuisances);
  const paramsOfGroup = groups.map((ks) => nuisances.map((_, g) => g).filter((g) => ks.includes(owner[g]!)));
  const lower = nuisances.map((p) => priorBounds(p.prior)[0]);
  const upper = nuisances.map((p) => priorBounds(p.prior)[1]);

  // warm starts: the last converged minimiser of each group (index of `groups`)
  const lastX: Array<Float64Array | undefined> = groups.map(() => undefined);
  const lastH: Array<Float64Array | undefined> = groups.map(() => undefined);
  const profileGroup = (theta: ArrayLike<number>, ks: readonly number[], allParams: readonly number[], nu: Float64Array, per: ModelProfile[], gi: number, fix?: NuisanceFix): number => {
    // a fixed nuisance is not a fit variable; its value is in `full`/`nu` and its penalty counts below
    const fixedHere = fix !== undefined && allParams.includes(fix.index);
    const params = fixedHere ? allParams.filter((g) => g !== fix.index) : allParams;
    if (ks.length === 1 && !fixedHere && !hasPinned[ks[0]!]!) {
      const m = models[ks[0]!]!;
      if (m.profileNuisances) {
        const p = m.profileNuisances(theta);
        globalOf[ks[0]!]!.forEach((g, j) => (nu[g] = p.nu[j]!));
        per[ks[0]!] = { chi2: p.chi2, dataChi2: p.dataChi2, nu: Float64Array.from(p.nu) };
        return p.chi2;
      }
    }
    const withGrad = ks.every((k) => typeof models[k]!.logLikelihoodGradient === 'function');
    const full = Float64Array.from(nuisances, (p) => p.nominal);
    if (fixedHere) full[fix.index] = fix.value;
    const fixedPenalty = fixedHere ? nuisancePenalty(nuisances[fix.index]!.prior, fix.value) : 0;
    const local = ks.map((k) => new Float64Array(models[k]!.nuisances.length));
    // position in x of each model nuisance's global parameter
    const posIn = new Map(params.map((g, i) => [g, i]));
    const posOf = ks.map((k) => Int32Array.from(globalOf[k]!, (g) => posIn.get(g) ?? -1));
    const objective = (x: ArrayLike<number>): number => {
      params.forEach((g, i) => (full[g] = x[i]!));
      let f = penalties(full, params) + fixedPenalty;
      for (const k of ks) {
        const ll = models[k]!.logLikelihood(theta, localNu(k, full));
        f -= 2 * ll;
      }
      return Number.isNaN(f) ? Infinity : f;
    };
    const fg = (x: Float64Array, grad: Float64Array): number => {
      if (!withGrad) {
        const f = objective(x);
        if (!Number.isFinite(f)) return Infinity;
        for (let i = 0; i < x.length; i++) {
          const g = params[i]!;
          const h = 1e-6 * nuisances[g]!.width;
          const xi = x[i]!;
          const up = Math.min(upper[g]!, xi + h);
          const dn = Math.max(lower[g]!, xi - h);
          x[i] = up;
          const fu = objective(x);
          x[i] = dn;
          const fd = objective(x);
          x[i] = xi;
          grad[i] = up > dn && Number.isFinite(fu) && Number.isFinite(fd) ? (fu - fd) / (up - dn) : 0;
        }
        return f;
      }
      params.forEach((g, i) => (full[g] = x[i]!));
      let f = fixedPenalty;
      grad.fill(0);
      for (let i = 0; i < params.length; i++) {
        const g = params[i]!;
        f += nuisancePenalty(nuisances[g]!.prior, full[g]!);
        grad[i]! += nuisancePenaltyDerivative(nuisances[g]!.prior, full[g]!);
      }
      for (let kk = 0; kk < ks.length; kk++) {
        const k = ks[kk]!;
        const gl = local[kk]!;
        gl.fill(0);
        const ll = models[k]!.logLikelihoodGradient!(theta, localNu(k, full), gl);
        f -= 2 * ll;
        const row = globalOf[k]!;
        const p = posOf[kk]!;
        for (let j = 0; j < row.length; j++) if (p[j]! >= 0) grad[p[j]!]! += -2 * gl[j]!;
      }
      return Number.isNaN(f) ? Infinity : f;
    };
    const bounds = { lower: params.map((g) => lower[g]!), upper: params.map((g) => upper[g]!), scale: params.map((g) => nuisances[g]!.width), gTol: 1e-7 };
    const nominal = params.map((g) => nuisances[g]!.nominal);
    let r: ReturnType<typeof boxBfgs>;
    if (fixedHere) r = boxBfgs(fg, nominal, bounds);
    else if (options.warmStart && lastX[gi]) {
      r = boxBfgs(fg, lastX[gi]!, { ...bounds, initialInverseHessian: lastH[gi]! });
      // the nuisance χ² can have several local minima (e.g. the argon pulse shift): when the warm
      // fit failed or ended with a nuisance far out (> WARM_SUSPECT_PULL widths from its nominal
      // value, where another branch may lie), fit again from the nominal values and keep the lower
      const far = params.some((g, i) => Math.abs(r.x[i]! - nuisances[g]!.nominal) > WARM_SUSPECT_PULL * nuisances[g]!.width);
      if (!r.converged || !Number.isFinite(r.fx) || far) {
        const c = boxBfgs(fg, nominal, bounds);
        if (c.fx < r.fx) r = c;
      }
    } else r = boxBfgs(fg, nominal, bounds);
    params.forEach((g, i) => (nu[g] = r.x[i]!));
    if (fixedHere) nu[fix.index] = fix.value;
    if (options.warmStart && !fixedHere) {
      const ok = r.converged && Number.isFinite(r.fx);
      lastX[gi] = ok ? Float64Array.from(r.x) : undefined;
      lastH[gi] = ok ? r.inverseHessian : undefined;
    }
    let total = 0;
    for (const k of ks) {
      const lnu = Float64Array.from(localNu(k, nu));
      const data = -2 * models[k]!.logLikelihood(theta, lnu);
      const own = penalties(nu, allParams.filter((g) => owner[g] === k));
      per[k] = { chi2: data + own, dataChi2: data, nu: lnu };
      total += data + own;
    }
    return total;
  };

  const self: CombinedLikelihood = {
    models,
    physicsNames,
    nuisances,
    localNu,
    logLikelihood(theta, nu) {
      let ll = 0;
      for (let k = 0; k < models.length && ll !== -Infinity; k++) ll += models[k]!.logLikelihood(theta, localNu(k, nu));
      return ll;
    },
    chi2(theta, nu) {
      let c = 0;
      for (let k = 0; k < models.length; k++) c -= 2 * models[k]!.logLikelihood(theta, localNu(k, nu));
      for (let g = 0; g < nuisances.length; g++) c += nuisancePenalty(nuisances[g]!.prior, nu[g]!);
      return c;
    },
    profile(theta, fix) {
      if (fix !== undefined && !(Number.isInteger(fix.index) && fix.index >= 0 && fix.index < nuisances.length)) throw new RangeError(`profile: no global nuisance ${fix.index}`);
      const nu = Float64Array.from(nuisances, (p) => p.nominal);
      const per = new Array<ModelProfile>(models.length);
      let chi2 = 0;
      groups.forEach((ks, i) => (chi2 += profileGroup(theta, ks, paramsOfGroup[i]!, nu, per, i, fix)));
      return { chi2, nu, perModel: per };
    },
    withModels(other) {
      if (other.length !== models.length) throw new Error(`withModels: ${other.length} experiments for ${models.length}`);
      return combineModels(other, nuisances, options);
    },
    pinned,
    resetWarmStart() {
      lastX.fill(undefined);
      lastH.fill(undefined);
    },
    warmStartState() {
      return { x: lastX.map((v) => (v ? Float64Array.from(v) : null)), h: lastH.map((v) => (v ? Float64Array.from(v) : null)) };
    },
    setWarmStartState(state) {
      if (state.x.length !== lastX.length || state.h.length !== lastH.length) throw new RangeError(`setWarmStartState: ${state.x.length} groups for ${lastX.length}`);
      state.x.forEach((v, g) => (lastX[g] = v ? Float64Array.from(v) : undefined));
      state.h.forEach((v, g) => (lastH[g] = v ? Float64Array.from(v) : undefined));
    },
  };
  return self;
}
